"""The report being edited: its table models, undo stack and live checks.

Every edit reaches the report through an undo command; each burst of edits (a keystroke, a paste)
schedules one re-check with a 0 ms single-shot timer: auto-total, then ``run_checks``, then
``findings_changed``. The check panel, the narrative editors and the cell colours consume that signal.
At start-up the checks can be held (``hold_checks``) so the form shows first; ``release_checks`` (or
``flush``, e.g. before saving) runs the held re-check.
"""
from __future__ import annotations

import logging
import weakref
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from app.checks import Finding, auto_total, run_checks
from app.report import Report, new_report
from app.reviews import Review, explain, match_reviews, unexplain
from ui.table_model import StatTableModel
from ui.undo_commands import SetCellsCommand, SetFieldsCommand, SetManualCommand, SetReviewsCommand, SetTextCommand

META_FIELDS = ("organ", "year", "title")


log = logging.getLogger(__name__)
# Every live session, so their undo histories can be emptied before the program ends.
_SESSIONS: weakref.WeakSet = weakref.WeakSet()


def release_undo_histories() -> None:
    """Empty every session's undo stack. The commands are Python objects owned by the C++ stack;
    if the garbage collector frees a session with its stack still full (at exit), the process
    crashes. The application calls this after its event loop; the tests after each test."""
    for session in list(_SESSIONS):
        try:
            session.undo_stack.clear()
        except RuntimeError:
            pass  # its Qt object is gone already


class Session(QObject):
    """Holds the current report and keeps models, checks and views in step.

    Signals:
        findings_changed(list): the findings after the latest re-check.
        report_replaced(): a different report was loaded (models were reset).
        text_changed(str): a narrative section changed (section id), e.g. by undo.
        fields_changed(): organ, year or title changed.
        last_changed(): the attached last-year report changed.
        modified_changed(bool): the report now has (or no longer has) unsaved changes.
    """

    findings_changed = Signal(list)
    report_replaced = Signal()
    text_changed = Signal(str)
    fields_changed = Signal()
    last_changed = Signal()
    modified_changed = Signal(bool)

    def __init__(self, report: Report | None = None, parent: QObject | None = None, *, hold_checks: bool = False) -> None:
        super().__init__(parent)
        self.checks_held = hold_checks  # no re-check (nor findings) until release_checks()
        self.report = report or new_report("2021")
        self.path: Path | None = None
        self.last: Report | None = None
        self.last_path: Path | None = None
        self.findings: list[Finding] = []
        self.reviewed: dict[Finding, Review] = {}  # findings explained by the clerk (app/reviews.py)
        self.generation = 0  # bumped on every change; autosave compares it
        self.undo_stack = QUndoStack(self)
        _SESSIONS.add(self)
        self._restored = False  # a restored working copy is unsaved work without undo history
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._recheck)
        self.models: dict[str, StatTableModel] = {}
        for spec in self.report.spec.all_tables():
            model = StatTableModel(spec, self.report, self._push_cells, self)
            model.values_written.connect(self.schedule_check)
            self.models[spec.id] = model
        self._adopt_published_totals(self.report)
        self._recheck()

    # --- the report ----------------------------------------------------------------------
    def set_report(self, report: Report, path: Path | None = None, modified: bool = False) -> None:
        """Replace the report being edited (new, open, import, restore); clears undo history.

        ``modified`` marks it as unsaved work (an import, a restored working copy)."""
        self._adopt_published_totals(report)
        self.report, self.path = report, path
        # Last year's report belonged to the previous file; the caller (or the saved link) attaches anew.
        self.last, self.last_path = None, None
        for spec in report.spec.all_tables():
            self.models[spec.id].reset(spec, report)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._restored = modified
        self.modified_changed.emit(self.is_modified)
        self.generation += 1
        self.report_replaced.emit()
        self._recheck()

    def set_last_report(self, report: Report | None, path: Path | None = None) -> None:
        """Attach last year's report (or detach with None) so cross-year checks run live."""
        self.last, self.last_path = report, path
        self.last_changed.emit()
        self.schedule_check()

    @staticmethod
    def _adopt_published_totals(report: Report) -> None:
        """Totals that differ from the sum of their parts are kept as published (manual entry),
        so loading a report never rewrites its figures; the checks point out the difference."""
        trial = report.copy_report()
        trial.manual_totals = set(report.manual_totals)
        report.manual_totals |= set(auto_total(trial))

    @property
    def is_modified(self) -> bool:
        return self._restored or not self.undo_stack.isClean()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self._restored = False
        self.undo_stack.setClean()
        self.modified_changed.emit(False)

    def _clean_changed(self, _clean: bool) -> None:
        self.modified_changed.emit(self.is_modified)

    # --- edits (called by the undo commands) -----------------------------------------------
    def _push_cells(self, model: StatTableModel, changes: dict, text: str) -> None:
        self.undo_stack.push(SetCellsCommand(model, changes, text))

    def set_manual(self, table: str, row: str, col: str, manual: bool) -> None:
        self.undo_stack.push(SetManualCommand(self.models[table], row, col, manual))

    def edit_text(self, section: str, text: str) -> None:
        old = self.report.sections.get(section, "")
        if old != text:
            self.undo_stack.push(SetTextCommand(self, section, old, text))

    def edit_fields(self, new: dict[str, object]) -> None:
        old = {name: getattr(self.report, name) for name in new}
        if old != new:
            self.undo_stack.push(SetFieldsCommand(self, old, new))

    def explain(self, finding: Finding, reason: str) -> None:
        """Keep ``finding`` with the clerk's reason (one undo step)."""
        new = explain(self.report.reviews, finding, reason)
        self.undo_stack.push(SetReviewsCommand(self, self.report.reviews, new, "已核实，附说明"))

    def unexplain(self, finding: Finding) -> None:
        """Withdraw the explanation of ``finding`` (one undo step)."""
        new = unexplain(self.report.reviews, finding)
        if new != self.report.reviews:
            self.undo_stack.push(SetReviewsCommand(self, self.report.reviews, new, "撤销说明"))

    def apply_reviews(self, reviews: list[Review]) -> None:
        self.report.reviews = list(reviews)
        self.schedule_check()

    def apply_text(self, section: str, text: str) -> None:
        self.report.sections[section] = text
        self.text_changed.emit(section)
        self.schedule_check()

    def apply_fields(self, values: dict[str, object]) -> None:
        for name, value in values.items():
            setattr(self.report, name, value)
        self.fields_changed.emit()
        self.schedule_check()

    # --- checks ----------------------------------------------------------------------------
    def schedule_check(self) -> None:
        self.generation += 1
        self._timer.start()

    def release_checks(self) -> None:
        """End the start-up hold: run the re-check held back (totals, checks, findings)."""
        if self.checks_held:
            self.checks_held = False
            self._timer.stop()
            self._recheck()

    def flush(self) -> None:
        """Run a pending re-check now (tests, benchmarks, before saving); ends a start-up hold."""
        if self.checks_held:
            self.release_checks()
        elif self._timer.isActive():
            self._timer.stop()
            self._recheck()

    def _recheck(self) -> None:
        if self.checks_held:
            return  # release_checks() runs it
        changed: dict[str, list[str]] = {}
        for ref in auto_total(self.report):
            changed.setdefault(ref.split(".", 1)[0], []).append(ref)
        for table, refs in changed.items():
            self.models[table].refresh_refs(refs)
        self.findings = run_checks(self.report, self.last)
        self.reviewed = match_reviews(self.findings, self.report.reviews)
        for model in self.models.values():
            model.set_findings(self.findings, self.reviewed)
        try:
            self.findings_changed.emit(self.findings)
        except RuntimeError:
            # PySide raises "Signal source has been deleted" when a re-check queued just before the
            # window was destroyed runs during teardown; nobody is left to notify.
            log.debug("findings of a closed session dropped")
