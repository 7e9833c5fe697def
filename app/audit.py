"""Audit a folder of reports (the county office's batch check): read and check every report file.

Each report is imported through the format registry and checked by the check engine, exactly as
``nianbao check`` does it (with ``--last``: paired with last year's report of the same organ, found by
organ name, then by file name). Files of other kinds are listed as skipped. What only a whole folder
shows (two reports of one organ, mixed years or editions, a report without last year's) is a finding
of the audit itself. Reading runs in worker processes (app/parallel.py) for large folders.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from app.checks import Finding, Level, run_checks
from app.errors import AppError, ImportFailed
from app.parallel import map_in_processes
from app.formats import ImportNote, import_report
from app.registry import import_suffixes
from app.report import Cell, Report, Review
from app.reviews import tally

# The figures the office compares across units: (label, cells summed); a cell the edition lacks is left out.
KEY_FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("新收申请", ("requests.new.total",)),
    ("上年结转", ("requests.carried_in.total",)),
    ("办理结果总计", ("requests.results_total.total",)),
    ("行政复议", ("appeals.review.total",)),
    ("行政诉讼", ("appeals.suit_direct.total", "appeals.suit_after_review.total")),
    ("规范性文件现行有效", ("active.normative_docs.in_force",)),
)
_YEAR_IN_NAME = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass
class AuditEntry:
    """One file of the folder: a checked report, or (``error`` set) why it could not be read."""

    file: str                       # path relative to the audited folder, with "/" separators
    path: Path
    organ: str = ""
    year: int | None = None
    edition: str = ""
    notes: list[ImportNote] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    figures: dict[str, Cell] = field(default_factory=dict)
    error: str | None = None
    last_file: str | None = None    # last year's report it was paired with (``--last``)
    report: Report | None = None    # kept only when asked (compiling totals, opening in the GUI)
    reviews: list[Review] = field(default_factory=list)   # findings the township explained

    @property
    def errors(self) -> int:
        return tally(self.findings, self.reviews).errors            # explained errors still count

    @property
    def warnings(self) -> int:
        return tally(self.findings, self.reviews).warnings          # explained warnings do not

    @property
    def first_error(self) -> str:
        return self.error or next((f.message for f in self.findings if f.level is Level.ERROR), "")


@dataclass(frozen=True)
class AuditFinding:
    rule: str
    message: str
    files: tuple[str, ...]

    def to_json(self) -> dict:
        return {"rule": self.rule, "message": self.message, "files": list(self.files)}


@dataclass
class Audit:
    folder: Path
    reports: list[AuditEntry] = field(default_factory=list)
    unreadable: list[AuditEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    findings: list[AuditFinding] = field(default_factory=list)
    complete: bool = True           # False when cancelled before every file was read

    @property
    def has_errors(self) -> bool:
        return bool(self.unreadable or self.findings or any(e.errors for e in self.reports))

    def summary(self) -> str:
        """One Chinese line: reports, failing ones, unreadable files, the audit's findings, the verdict."""
        errors = sum(e.errors for e in self.reports)
        warnings = sum(e.warnings for e in self.reports)
        failing = sum(1 for e in self.reports if e.errors)
        verdict = "未通过" if self.has_errors else "通过"
        return (f"共 {len(self.reports)} 份报告（{failing} 份有错误），{len(self.unreadable)} 个文件无法读取，"
                f"{len(self.findings)} 个汇总问题；共 {errors} 个错误、{warnings} 个警告：{verdict}")


@dataclass(frozen=True)
class ReadJob:
    """What a worker process needs to read one file (picklable)."""

    path: Path
    root: Path
    last_by_organ: dict[str, Path] | None = None
    last_by_name: dict[str, Path] | None = None
    keep_report: bool = False
    check: bool = True


def report_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """(files of an importable format, other files) under ``folder``, recursively, in name order.

    Hidden folders are not entered; hidden files and Office lock files (``~$…``) count as other files.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ImportFailed(f"{folder}：文件夹不存在或不是文件夹")
    suffixes = set(import_suffixes())
    reports, others = [], []
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(top) / name
            is_report = path.suffix.lower() in suffixes and not name.startswith((".", "~$"))
            (reports if is_report else others).append(path)
    return sorted(reports, key=_sort_key), sorted(others, key=_sort_key)


def _sort_key(path: Path) -> tuple:
    return tuple(part.casefold() for part in path.parts)


def relative_name(path: Path, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).name


def read_entry(job: ReadJob) -> AuditEntry:
    """Import and check one file (runs in a worker process): never raises for a bad file."""
    entry = AuditEntry(relative_name(job.path, job.root), job.path)
    try:
        imported = import_report(job.path)
    except AppError as exc:
        entry.error = str(exc).removeprefix(f"{job.path.name}：")   # the file is named beside it
        return entry
    report = imported.report
    entry.organ, entry.year, entry.edition, entry.notes = report.organ, report.year, report.edition, imported.notes
    entry.reviews = list(report.reviews)
    if job.check:
        last = _last_report(entry, job)
        entry.findings = run_checks(report, last)
        entry.figures = key_figures(report)
    if job.keep_report:
        entry.report = report
    return entry


def _last_report(entry: AuditEntry, job: ReadJob) -> Report | None:
    if job.last_by_organ is None:
        return None
    path = job.last_by_organ.get(entry.organ.strip()) or job.last_by_name.get(name_key(job.path))
    if path is None:
        return None
    try:
        last = import_report(path).report
    except AppError:
        return None
    entry.last_file = path.name
    return last


def name_key(path: Path) -> str:
    """A file name without years and case, so 2020_geshan_town.docx pairs with 2021_geshan_town.docx."""
    return _YEAR_IN_NAME.sub("", Path(path).stem).casefold().strip(" _-.")


def key_figures(report: Report) -> dict[str, Cell]:
    """The KEY_FIGURES of one report: a figure the edition lacks is absent; blank when all its cells are."""
    figures: dict[str, Cell] = {}
    for label, refs in KEY_FIGURES:
        cells = [ref.split(".") for ref in refs]
        cells = [c for c in cells if c[0] in report.tables and report.spec.table(c[0]).has_cell(c[1], c[2])]
        if cells:
            values = [report.get(*c) for c in cells]
            figures[label] = None if all(v is None for v in values) else sum(v or 0 for v in values)
    return figures


def _failed(job: ReadJob, exc: BaseException) -> AuditEntry:
    entry = AuditEntry(relative_name(job.path, job.root), job.path)
    entry.error = f"{entry.file}：读取时发生意外错误（{type(exc).__name__}），请用 nianbao check 单独检查此文件"
    return entry


def read_folder(folder: Path, jobs: list[ReadJob], on_entry: Callable[[AuditEntry], None] | None,
                cancelled: Callable[[], bool], workers: int | None = None) -> tuple[list[AuditEntry], bool]:
    """Read every job (in worker processes when there are many); entries in file order."""
    entries: list[AuditEntry] = []

    def collect(_job, entry: AuditEntry) -> None:
        entries.append(entry)
        if on_entry is not None:
            on_entry(entry)

    complete = map_in_processes(read_entry, jobs, collect, _failed, cancelled, workers)
    entries.sort(key=lambda e: _sort_key(Path(e.file)))
    return entries, complete


def audit_folder(folder: Path, last_folder: Path | None = None, *, keep_reports: bool = False,
                 on_entry: Callable[[AuditEntry], None] | None = None, on_total: Callable[[int], None] | None = None,
                 cancelled: Callable[[], bool] = lambda: False, workers: int | None = None) -> Audit:
    """Check every report in ``folder``; ``on_total(n)`` first tells how many files will be read,
    ``on_entry`` receives each file's entry as it is read (in the calling thread)."""
    folder = Path(folder)
    files, others = report_files(folder)
    by_organ = by_name = None
    if last_folder is not None:
        by_organ, by_name = last_year_index(Path(last_folder), cancelled, workers)
    if on_total is not None:
        on_total(len(files))
    jobs = [ReadJob(p, folder, by_organ, by_name, keep_reports) for p in files]
    entries, complete = read_folder(folder, jobs, on_entry, cancelled, workers)
    audit = Audit(folder, [e for e in entries if e.error is None], [e for e in entries if e.error is not None],
                  [relative_name(p, folder) for p in others], complete=complete)
    audit.findings = audit_findings(audit.reports, paired=last_folder is not None)
    return audit


def last_year_index(folder: Path, cancelled: Callable[[], bool] = lambda: False,
                    workers: int | None = None) -> tuple[dict[str, Path], dict[str, Path]]:
    """Last year's reports by organ name and by file-name key (the first file wins on a tie)."""
    files, _others = report_files(folder)
    jobs = [ReadJob(p, folder, check=False) for p in files]
    entries, _complete = read_folder(folder, jobs, None, cancelled, workers)
    by_organ: dict[str, Path] = {}
    by_name: dict[str, Path] = {}
    for entry in entries:
        if entry.error is None and entry.organ.strip():
            by_organ.setdefault(entry.organ.strip(), entry.path)
        if entry.error is None:
            by_name.setdefault(name_key(entry.path), entry.path)
    return by_organ, by_name


def audit_findings(reports: list[AuditEntry], paired: bool = False) -> list[AuditFinding]:
    """What only the whole folder shows: duplicate organs, mixed years and editions, unpaired reports."""
    findings = []
    by_organ: dict[str, list[str]] = {}
    for entry in reports:
        if entry.organ.strip():
            by_organ.setdefault(entry.organ.strip(), []).append(entry.file)
    for organ, files in by_organ.items():
        if len(files) > 1:
            findings.append(AuditFinding("audit.duplicate_organ", f"{organ}有 {len(files)} 份报告：{'、'.join(files)}，"
                                                                   "请确认哪一份是正式报告", tuple(files)))
    findings += _mixed(reports, "audit.mixed_years", "年度", lambda e: e.year, lambda v: f"{v} 年度" if v else "未填年度")
    findings += _mixed(reports, "audit.mixed_editions", "格式版本", lambda e: e.edition, lambda v: f"{v} 版")
    unpaired = tuple(e.file for e in reports if paired and e.last_file is None)
    if unpaired:
        findings.append(AuditFinding("audit.last_missing", f"{len(unpaired)} 份报告在上年文件夹中找不到同一机关的报告，"
                                                           f"未做跨年度检查：{'、'.join(unpaired)}", unpaired))
    return findings


def _mixed(reports: list[AuditEntry], rule: str, what: str, key, shown) -> list[AuditFinding]:
    counts = Counter(key(e) for e in reports)
    if len(counts) < 2:
        return []
    usual = counts.most_common(1)[0][0]
    parts = "，".join(f"{shown(v)} {n} 份" for v, n in counts.most_common())
    odd = tuple(e.file for e in reports if key(e) != usual)
    message = f"文件夹中的报告{what}不一致（{parts}）：与多数不同的是 {'、'.join(odd)}"
    return [AuditFinding(rule, message, odd)]
