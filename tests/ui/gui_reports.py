"""Reports for the desktop application tests (both editions)."""
from pathlib import Path

from app.checks import auto_total
from app.report import Report, new_report

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
EDITIONS = ("2019", "2021")


def zero_report(edition: str, year: int | None = None) -> Report:
    """A complete report of an edition: every cell 0, organ/year/title and every section filled."""
    year = year or (2020 if edition == "2019" else 2021)
    report = new_report(edition, "阁山镇人民政府", year)
    for table in report.spec.all_tables():
        for row, col in table.cells():
            report.set_cell(table.id, row, col, 0)
    report.sections.update({
        "overview": f"{year}年，本镇认真贯彻落实《中华人民共和国政府信息公开条例》，全年未收到政府信息公开申请。",
        "problems": "政府信息公开工作还存在公开内容不够全面等问题，下一步将加强培训。",
        "other": "本年度未收取信息处理费。",
    })
    auto_total(report)
    return report
