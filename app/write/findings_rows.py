"""The reviewer's list: a report's findings as rows for the exported .docx/.xlsx (and the panel).

One row per finding: 位置 (the cell or part as the report names it), 问题, 应为, 实为 and the
说明/处理意见 a township fills in; an explained finding carries its reason and date there.
Findings still open come first (errors, then warnings), explained ones after them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.checks.findings import LEVEL_LABELS, Finding, Level, shown
from app.report import Report
from app.reviews import match_reviews, summary_line, tally

if TYPE_CHECKING:
    import datetime

FIELD_LABELS = {"organ": "发布机关", "year": "报告年度", "title": "标题"}
HEADERS = ("序号", "级别", "位置", "问题", "应为", "实为", "说明/处理意见")
# The kinds of list a clerk can export, by the writer module that makes it.
WRITERS = {"docx": "app.write.findings_docx", "xlsx": "app.write.findings_xlsx"}


def place(report: Report, finding: Finding) -> str:
    """Where a finding points, named as the clerk reads the report."""
    if finding.table:
        table_id, row, col = finding.cell.split(".")
        return report.spec.table(table_id).cell_label(row, col)
    if finding.cell and finding.cell.startswith("sections."):
        section = report.spec.section(finding.cell.split(".", 1)[1])
        return section.title or "开头部分"
    return FIELD_LABELS.get(finding.field or "", "报告")


def problem(report: Report, finding: Finding, where: str | None = None) -> str:
    """The finding's message without the place it starts with (the 位置 column names it)."""
    return finding.message.removeprefix(f"{where or place(report, finding)}：")


@dataclass(frozen=True)
class FindingRow:
    number: int
    level: str
    place: str
    problem: str
    expected: str
    found: str
    reason: str
    explained: bool


def finding_rows(report: Report, findings: list[Finding]) -> list[FindingRow]:
    """Rows of the list: open errors, open warnings, then explained findings with their reasons."""
    matched = match_reviews(findings, report.reviews)
    ordered = sorted(findings, key=lambda f: (f in matched, f.level is not Level.ERROR))
    rows = []
    for number, finding in enumerate(ordered, 1):
        where = place(report, finding)
        review = matched.get(finding)
        reason = f"已说明：{review.reason}（{chinese_date(review.date)}）" if review else ""
        rows.append(FindingRow(number, LEVEL_LABELS[finding.level], where, problem(report, finding, where),
                               _value(finding, finding.expected, False), _value(finding, finding.found, True),
                               reason, review is not None))
    return rows


def chinese_date(iso: str) -> str:
    """``2026-01-15`` as official documents write it (``2026年1月15日``); other text as it is."""
    import datetime  # noqa: PLC0415 - the findings panel imports this module with the form: datetime when used

    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.year}年{day.month}月{day.day}日"


def _value(finding: Finding, value: object, is_found: bool) -> str:
    if value is None:
        return "空白" if is_found and finding.table else ""
    return shown(value)


def list_title(report: Report) -> str:
    organ = report.organ or "（未填写发布机关）"
    year = f"{report.year}年" if report.year else ""
    return f"{organ}{year}政府信息公开工作年度报告检查结果"


def list_facts(report: Report, findings: list[Finding], today: datetime.date | None = None) -> list[tuple[str, str]]:
    """The lines above the table: organ, year, date of the check, and the verdict."""
    import datetime  # noqa: PLC0415 - see chinese_date

    day = today or datetime.date.today()
    return [("发布机关", report.organ or "（未填写）"), ("报告年度", str(report.year or "（未填写）")),
            ("检查日期", chinese_date(day.isoformat())),
            ("检查结论", summary_line(tally(findings, report.reviews)))]


def write_findings(report: Report, findings: list[Finding], path, kind: str) -> None:
    """Write the reviewer's list as ``kind`` (a key of WRITERS) to ``path`` (atomically)."""
    import importlib  # noqa: PLC0415  (python-docx/openpyxl load only when a list is written)

    importlib.import_module(WRITERS[kind]).write_list(report, findings, path)
