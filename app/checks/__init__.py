"""Checks of a report: the statutory arithmetic, values, narrative and cross-year rules."""
from app.checks.engine import auto_total, count_levels, has_errors, run_checks
from app.checks.findings import Finding, Level

__all__ = ["Finding", "Level", "auto_total", "count_levels", "has_errors", "run_checks"]
