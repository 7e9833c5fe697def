"""Findings a person has looked at: a reason kept with the report (``reviews`` of the report file).

A review applies to a finding while the rule, the cell and the value found are the same
(``found`` as the finding gives it in ``check --json``); when the value changes the finding is new
and counts again. An explained warning no longer counts in the verdict; an explained error still
does (errors must be fixed before publishing) but keeps its reason for the reviewer.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.checks.findings import Finding, Level
from app.report import FoundValue, Review

__all__ = ["Review", "Tally", "explain", "found_value", "match_reviews", "review_for", "summary_line", "tally",
           "unexplain", "verdict_text"]


def found_value(finding: Finding) -> FoundValue:
    """The finding's ``found`` as written to JSON: amounts as their decimal string."""
    value = finding.found
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None if value is None else str(value)
    return value


def _key(rule: str, cell: str | None, found: FoundValue) -> tuple:
    return rule, cell, type(found).__name__, found     # the type keeps 1 and "1" apart


def review_for(reviews: list[Review], finding: Finding) -> Review | None:
    """The review that applies to ``finding`` now, if any."""
    key = _key(finding.rule, finding.cell, found_value(finding))
    return next((r for r in reviews if _key(r.rule, r.cell, r.found) == key), None)


def match_reviews(findings: list[Finding], reviews: list[Review]) -> dict[Finding, Review]:
    """Each finding that has an applicable review, with that review."""
    if not reviews:
        return {}
    by_key = {_key(r.rule, r.cell, r.found): r for r in reviews}
    matched = {}
    for finding in findings:
        review = by_key.get(_key(finding.rule, finding.cell, found_value(finding)))
        if review is not None:
            matched[finding] = review
    return matched


def explain(reviews: list[Review], finding: Finding, reason: str, date: str | None = None) -> list[Review]:
    """The reviews with ``finding`` explained by ``reason`` (replacing an earlier reason for it)."""
    import datetime  # noqa: PLC0415 - when the clerk explains a finding, not at start-up

    review = Review(rule=finding.rule, cell=finding.cell, found=found_value(finding), reason=reason.strip(),
                    date=date or datetime.date.today().isoformat())
    return [*unexplain(reviews, finding), review]


def unexplain(reviews: list[Review], finding: Finding) -> list[Review]:
    """The reviews without the one that applies to ``finding``."""
    current = review_for(reviews, finding)
    return [r for r in reviews if r is not current]


@dataclass(frozen=True)
class Tally:
    """Counts for the verdict: explained errors are among ``errors``; explained warnings are apart."""

    errors: int = 0
    errors_explained: int = 0
    warnings: int = 0
    warnings_explained: int = 0

    @property
    def passed(self) -> bool:
        return self.errors == 0


def tally(findings: list[Finding], reviews: list[Review]) -> Tally:
    matched = match_reviews(findings, reviews)
    errors = [f for f in findings if f.level is Level.ERROR]
    warnings = [f for f in findings if f.level is Level.WARNING]
    explained_warnings = sum(1 for f in warnings if f in matched)
    return Tally(errors=len(errors), errors_explained=sum(1 for f in errors if f in matched),
                 warnings=len(warnings) - explained_warnings, warnings_explained=explained_warnings)


def verdict_text(counts: Tally) -> str:
    """The at-a-glance status: ``✔ 通过`` or ``✘ 2 个错误（其中 1 个已说明）``, with the warnings."""
    if counts.errors:
        text = f"✘ {counts.errors} 个错误"
        if counts.errors_explained:
            text += f"（其中 {counts.errors_explained} 个已说明）"
        return text + (f"，{counts.warnings} 个警告" if counts.warnings else "")
    extra = [f"{counts.warnings} 个警告"] if counts.warnings else []
    if counts.warnings_explained:
        extra.append(f"{counts.warnings_explained} 个警告已说明")
    return f"✔ 通过（{'，'.join(extra)}）" if extra else "✔ 通过"


def summary_line(counts: Tally) -> str:
    """The last line of ``nianbao check``: ``共 2 个错误（其中 1 个已说明）、3 个警告：未通过``."""
    errors = f"{counts.errors} 个错误" + (f"（其中 {counts.errors_explained} 个已说明）" if counts.errors_explained else "")
    warnings = f"{counts.warnings} 个警告" + (f"（另有 {counts.warnings_explained} 个已说明）"
                                              if counts.warnings_explained else "")
    return f"共 {errors}、{warnings}：{'通过' if counts.passed else '未通过'}"
