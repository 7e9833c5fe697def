"""Small builders for core tests."""
from decimal import Decimal

from app.checks import auto_total
from app.report import Report, new_report


def zero_report(edition: str, organ: str = "测试镇人民政府", year: int | None = None) -> Report:
    """A report of the edition with every cell 0 and real narrative text: passes every check."""
    year = year if year is not None else (2020 if edition == "2019" else 2025)
    report = new_report(edition, organ, year)
    for table in report.spec.all_tables():
        for row, col in table.cells():
            kind = table.column(col).kind
            report.tables[table.id][row][col] = Decimal("0") if kind == "amount" else 0
    report.sections["overview"] = f"{year}年，本镇认真贯彻《中华人民共和国政府信息公开条例》，全年未收到政府信息公开申请。"
    report.sections["problems"] = "一是公开内容不够全面；二是更新不够及时。下一步将加强培训。"
    report.sections["other"] = "本年度未收取信息处理费。"
    return report


def with_requests(report: Report, row: str, **values: int) -> Report:
    for col, value in values.items():
        report.tables["requests"][row][col] = value
    return report


def balanced(report: Report) -> Report:
    auto_total(report)
    return report
