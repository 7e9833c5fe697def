"""Importing reports from plain text: the three real samples, every text layout and variant real
reports use, both editions, every encoding, run-together digits and the files that are not reports.

Small reports are written here in each layout (see ``render``): "cells" (one cell per line,
tab-indented, empty lines between rows), "plain" (the same without tabs), "rows" (one row per line,
tab-separated) and "web" (each table on one line, labels and numbers run together).
"""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from app.checks import run_checks
from app.editions import get_edition, printed_columns
from app.errors import ImportFailed
from app.formats import import_report
from app.read.txt import MAX_BYTES
from app.report_json import report_to_dict

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "tests" / "data" / "samples"
STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town", "2022_pingtan_web"]

REQUESTS = {  # row → (natural, commercial); other applicant columns 0, total = sum
    "new": (12, 1), "carried_in": (1, 0), "granted": (10, 1), "unavailable_1": (2, 0),
    "results_total": (12, 1), "carried_out": (1, 0),
}
OVERVIEW = "本年度，本镇认真贯彻落实《中华人民共和国政府信息公开条例》，共收到政府信息公开申请13件。"
PROBLEMS = "一是公开内容不够全面；二是更新不够及时。"
OTHER = "本年度未收取信息处理费。"


def report_values(edition_id: str) -> dict[tuple[str, str, str], object]:
    """(table, row, column) → value for every cell; the statutory arithmetic holds."""
    edition = get_edition(edition_id)
    values: dict[tuple[str, str, str], object] = {}
    for n, (row, col) in enumerate(edition.table("active").cells(), start=1):
        kind = edition.table("active").column(col).kind
        values[("active", row, col)] = {"amount": Decimal("19.8303"), "signed": -1}.get(kind, n)
    for row in edition.table("requests").rows:
        natural, commercial = REQUESTS.get(row.id, (0, 0))
        cells = dict(natural=natural, commercial=commercial, research=0, nonprofit=0, legal=0, other_org=0,
                     total=natural + commercial)
        values.update({("requests", row.id, col): v for col, v in cells.items()})
    for row in edition.table("appeals").rows:
        cells = dict(upheld=1, corrected=0, other=0, pending=1, total=2) if row.id == "review" else \
            dict(upheld=0, corrected=0, other=0, pending=0, total=0)
        values.update({("appeals", row.id, col): v for col, v in cells.items()})
    return values


def _text(value: object) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def table_rows(edition_id: str, values: dict) -> dict[str, list[list[str]]]:
    """Rows of cell strings per table, as a Word table would print them (headers included)."""
    edition = get_edition(edition_id)
    out: dict[str, list[list[str]]] = {}
    active = edition.table("active")
    rows: list[list[str]] = []
    for block in active.blocks:
        rows.append([block.label])
        rows.append([active.corner, *(active.column(c).label for c in block.columns)])
        for row in block.rows:
            rows.append([active.row(row).label, *(_text(values[("active", row, c)]) for c in block.columns)])
    out["active"] = rows
    requests = edition.table("requests")
    rows = [[requests.note, requests.corner], ["自然人", "法人或其他组织", "总计"],
            [c.label for c in requests.columns if c.group]]
    for row in requests.rows:
        rows.append([row.label, *(_text(values[("requests", row.id, c.id)]) for c in requests.columns)])
    out["requests"] = rows
    appeals = edition.table("appeals")
    rows = [["行政复议", "行政诉讼"], [c.label for c in appeals.columns] + ["未经复议直接起诉", "复议后起诉"],
            [c.label for c in appeals.columns] * 2,
            [_text(values[("appeals", r, c)]) for r, c in printed_columns(appeals)]]
    out["appeals"] = rows
    return out


def render(edition_id: str, layout: str, values: dict | None = None, organ: str = "桃源镇人民政府",
           year: int | None = None, run_together: tuple[str, ...] = ()) -> str:
    """A whole report in one layout; tables named in ``run_together`` lose the spaces between numbers (web)."""
    edition = get_edition(edition_id)
    year = year or edition.first_year + 1
    values = values or report_values(edition_id)
    tables = table_rows(edition_id, values)
    lines = [f"{organ}{year}年政府信息公开工作年度报告", ""]
    texts = {"overview": OVERVIEW, "problems": PROBLEMS, "other": OTHER}
    for section in edition.sections:
        if not section.number:
            continue
        lines.append(section.title)
        if section.kind == "text":
            lines += [texts[section.id], ""]
        else:
            sep = "" if section.id in run_together else " "
            lines += _layout(tables[section.id], layout, sep) + [""]
    return "\n".join(lines) + "\n"


def _layout(rows: list[list[str]], layout: str, sep: str = " ") -> list[str]:
    if layout == "rows":
        return ["\t".join(row) for row in rows]
    if layout == "web":
        return ["".join(_web_row(row, sep) for row in rows)]
    prefix = "\t" if layout == "cells" else ""
    out: list[str] = []
    for row in rows:
        out += [prefix + cell for cell in row] + [""]
    return out


def _web_row(row: list[str], sep: str) -> str:
    labels = [c for c in row if not _is_number(c)]
    numbers = [c for c in row if _is_number(c)]
    return "".join(labels) + sep.join(numbers)


def _is_number(text: str) -> bool:
    return text.lstrip("-").replace(".", "", 1).isdigit()


# -- helpers -------------------------------------------------------------------------------------

def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def load(tmp_path: Path, text: str, **kwargs):
    return import_report(write(tmp_path, text), **kwargs)


def cells(report, values: dict) -> dict:
    return {key: report.get(*key) for key in values}


def messages(imported, level: str | None = None) -> list[str]:
    return [n.message for n in imported.notes if level is None or n.level == level]


def nianbao(*args):
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


# -- the three real samples ----------------------------------------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_sample_imports_to_exactly_the_expected_json(stem):
    imported = import_report(SAMPLES / f"{stem}.txt")
    expected = json.loads((SAMPLES / f"{stem}.json").read_text(encoding="utf-8"))
    assert report_to_dict(imported.report) == expected


def test_check_json_of_a_text_report_lists_its_import_notes():
    result = nianbao("check", SAMPLES / "2020_geshan_town.txt", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["edition"], out["year"], out["organ"]) == ("2019", 2020, "阁山镇人民政府")
    notes = [n["message"] for n in out["import_notes"]]
    assert any("1、 总体情况" in m and "一、总体情况" in m for m in notes)
    assert any("23 个单元格为空白" in m for m in notes)
    assert {f["rule"] for f in out["findings"]} == {"value.blank", "value.magnitude"}


def test_convert_text_to_json_writes_the_transcription(tmp_path):
    out = tmp_path / "out.json"
    result = nianbao("convert", SAMPLES / "2020_huashan_town.txt", out)
    assert result.returncode == 0, result.stderr
    expected = json.loads((SAMPLES / "2020_huashan_town.json").read_text(encoding="utf-8"))
    assert json.loads(out.read_text(encoding="utf-8")) == expected


# -- layouts and editions ------------------------------------------------------------------------

@pytest.mark.parametrize("edition", ["2019", "2021"])
@pytest.mark.parametrize("layout", ["cells", "plain", "rows", "web"])
def test_every_layout_imports_every_cell_and_section(tmp_path, edition, layout):
    values = report_values(edition)
    imported = load(tmp_path, render(edition, layout, values))
    report = imported.report
    assert (report.edition, report.organ, report.year) == (edition, "桃源镇人民政府", int(edition) + 1)
    assert report.title == f"桃源镇人民政府{int(edition) + 1}年政府信息公开工作年度报告"
    assert cells(report, values) == values
    assert report.sections == {"preamble": "", "overview": OVERVIEW, "problems": PROBLEMS, "other": OTHER}
    assert messages(imported, "warning") == []


@pytest.mark.parametrize("edition", ["2019", "2021"])
@pytest.mark.parametrize("blank", ["\u00a0", " \u00a0 ", "\u00a0\u00a0"])
def test_a_line_holding_only_no_break_spaces_is_an_empty_cell(tmp_path, edition, blank):
    """Word's empty cell copied as text (one cell a line): the cell is blank and the cells after it keep their place."""
    values = report_values(edition)
    key = max((k for k in values if k[0] == "active" and type(values[k]) is int), key=values.get)
    text = render(edition, "plain", values)
    assert text.count(f"\n{values[key]}\n") == 1
    report = load(tmp_path, text.replace(f"\n{values[key]}\n", f"\n{blank}\n")).report
    assert cells(report, values) == {**values, key: None}


def test_a_2021_report_in_text_passes_the_checks(tmp_path):
    report = load(tmp_path, render("2021", "rows")).report
    assert report.get("active", "fees", "amount") == Decimal("19.8303")
    assert report.get("requests", "other_3", "total") == 0
    assert [f.rule for f in run_checks(report)] == []


def test_tables_of_the_2021_edition_in_a_2020_report_are_read_by_the_tables(tmp_path):
    imported = load(tmp_path, render("2021", "rows", year=2020))
    assert (imported.report.edition, imported.report.year) == ("2021", 2020)
    assert any("2020 年应使用 2019 版" in m and "已按表格读取" in m for m in messages(imported, "warning"))
    assert cells(imported.report, report_values("2021")) == report_values("2021")


def test_edition_override_reads_with_the_given_edition_and_says_the_tables_differ(tmp_path):
    imported = load(tmp_path, render("2021", "rows"), edition="2019")
    report = imported.report
    assert report.edition == "2019"
    assert any("已按指定的 2019 版读取" in m for m in messages(imported, "warning"))
    assert report.get("requests", "new", "total") == 13
    assert report.get("requests", "other", "total") is None          # 2021 splits it into other_1..3


def test_edition_override_on_the_command_line(tmp_path):
    source = write(tmp_path, render("2019", "cells"))
    out = tmp_path / "out.json"
    result = nianbao("convert", source, out, "--edition", "2021")
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["edition"] == "2021"
    assert "已按指定的 2021 版读取" in result.stderr


# -- variants real reports use -------------------------------------------------------------------

def test_heading_after_its_table_is_read_with_a_note(tmp_path):
    lines = render("2019", "rows").split("\n")
    heading = lines.index("三、收到和处理政府信息公开申请情况")
    end = lines.index("", heading)
    lines = lines[:heading] + lines[heading + 1:end] + [lines[heading]] + lines[end:]
    imported = load(tmp_path, "\n".join(lines))
    assert cells(imported.report, report_values("2019")) == report_values("2019")
    assert any("三、收到和处理政府信息公开申请情况" in m and "表格之后" in m for m in messages(imported))


@pytest.mark.parametrize("layout, split", [
    ("rows", "3.危及“三安全一稳\n定"),
    ("cells", "3.危及“三安全一稳\n\t定"),
])
def test_a_label_split_over_two_lines_is_joined(tmp_path, layout, split):
    values = report_values("2019")
    values[("requests", "withheld_3", "natural")] = 4          # make the row distinguishable
    text = replace_once(render("2019", layout, values), "3.危及“三安全一稳定”", split)
    imported = load(tmp_path, text)
    assert imported.report.get("requests", "withheld_3", "natural") == 4
    assert cells(imported.report, values) == values
    assert any("分在两处" in m for m in messages(imported))
    assert messages(imported, "warning") == []


def test_typos_and_variant_labels_are_read_with_notes(tmp_path):
    text = render("2019", "rows")
    for old, new in [("4.保护第三方合法权益", "4.保护第三方合法权利"), ("（七）总计", "（七）合计"),
                     ("2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开"),
                     ("2.没有现成信息需另行制作", "2．没有现成信息需要另行制作"),
                     ("（一）予以公开", "(一) 予以公开"), ("结果维持", "结果维护"),
                     ("本年增/减", "本年增／减")]:
        text = text.replace(old, new)
    imported = load(tmp_path, text)
    assert cells(imported.report, report_values("2019")) == report_values("2019")
    assert any("4.保护第三方合法权利" in m and "笔误" in m for m in messages(imported, "warning"))
    assert any("“结果维护”按“结果维持”读取" in m for m in messages(imported))


def test_jagged_empty_cells_are_skipped_and_missing_cells_are_noted(tmp_path):
    text = render("2019", "rows")
    text = replace_once(text, "一、本年新收政府信息公开申请数量\t", "一、本年新收政府信息公开申请数量\t\t")
    text = replace_once(text, "（六）其他处理\t0\t0\t0\t0\t0\t0\t0", "\t（六）其他处理\t0\t0\t0\t0\t0\t0\t0\t\t")
    text = replace_once(text, "行政事业性收费\t19\t-1", "行政事业性收费\t19")
    imported = load(tmp_path, text)
    report = imported.report
    assert report.tables["requests"]["new"] == {"natural": 12, "commercial": 1, "research": 0, "nonprofit": 0,
                                               "legal": 0, "other_org": 0, "total": 13}
    assert report.get("requests", "other", "total") == 0
    # Cells with tab borders are placed by position: the missing last cell is left blank, with a note.
    assert (report.get("active", "fees", "prev_items"), report.get("active", "fees", "change")) == (19, None)
    assert any("行政事业性收费" in m and "只有 1 个数值" in m and "位置" in m for m in messages(imported, "warning"))


def test_missing_cells_without_borders_are_not_guessed(tmp_path):
    text = replace_once(render("2019", "plain"), "行政事业性收费\n19\n-1\n", "行政事业性收费\n19\n")
    imported = load(tmp_path, text)
    report = imported.report
    assert (report.get("active", "fees", "prev_items"), report.get("active", "fees", "change")) == (None, None)
    assert any("行政事业性收费" in m and "只有 1 个数值" in m and "未导入" in m for m in messages(imported, "warning"))


def test_cell_values_blank_markers_widths_separators_and_decimals(tmp_path):
    text = render("2019", "rows")
    text = replace_once(text, "规章\t1\t2\t3", "规章\t１２\t1,234\t\u00a05")
    text = replace_once(text, "规范性文件\t4\t5\t6", "规范性文件\t/\t-\t无")
    text = replace_once(text, "政府集中采购\t21\t19.8303", "政府集中采购\t约5\t0.123456")
    imported = load(tmp_path, text)
    report = imported.report
    assert report.tables["active"]["rules"] == {"made": 12, "published": 1234, "public_total": 5}
    assert report.tables["active"]["normative_docs"] == {"made": None, "published": None, "public_total": None}
    assert str(report.get("active", "procurement", "amount")) == "0.123456"
    assert report.get("active", "procurement", "items") is None
    assert report.invalid == {"active.procurement.items": "约5"}
    invalid = [f for f in run_checks(report) if f.rule == "value.invalid"]
    assert [(f.cell, f.found) for f in invalid] == [("active.procurement.items", "约5")]
    assert any("3 个单元格填写为“/”“-”或“无”" in m for m in messages(imported))


def test_amount_written_in_yuan_is_imported_as_written_and_flagged(tmp_path):
    text = replace_once(render("2019", "cells"), "\t19.8303", "\t169100")
    report = load(tmp_path, text).report
    assert report.get("active", "procurement", "amount") == Decimal("169100")
    assert [f.cell for f in run_checks(report) if f.rule == "value.magnitude"] == ["active.procurement.amount"]


# -- run-together digits (web text) --------------------------------------------------------------

def test_run_together_digits_are_split_by_the_tables_arithmetic(tmp_path):
    text = render("2019", "web", run_together=("requests", "appeals"))
    assert "一、本年新收政府信息公开申请数量121000013" in text
    imported = load(tmp_path, text)
    assert cells(imported.report, report_values("2019")) == report_values("2019")
    assert any("121000013" in m and "唯一地拆分为：12、1、0、0、0、0、13" in m for m in messages(imported, "info"))


def test_a_row_with_more_than_one_valid_split_is_not_imported(tmp_path):
    text = "\n".join(["桃源镇人民政府2020年政府信息公开工作年度报告", "一、总体情况", OVERVIEW,
                      "三、收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量121000013",
                      "五、存在的主要问题及改进情况", PROBLEMS, "六、其他需要报告的事项", OTHER])
    imported = load(tmp_path, text)
    assert set(imported.report.tables["requests"]["new"].values()) == {None}
    assert any("121000013" in m and "种拆分都符合" in m and "未导入" in m for m in messages(imported, "warning"))


# -- encodings -----------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_every_encoding_imports_the_same_report(tmp_path, encoding):
    text = (SAMPLES / "2020_checun_town.txt").read_text(encoding="utf-8")
    imported = import_report(write(tmp_path, text, encoding))
    expected = json.loads((SAMPLES / "2020_checun_town.json").read_text(encoding="utf-8"))
    assert report_to_dict(imported.report) == expected


def test_a_report_in_an_unknown_encoding_is_refused_rather_than_garbled(tmp_path):
    text = render("2019", "rows")
    path = tmp_path / "繁体.txt"
    path.write_bytes(text.encode("big5", errors="replace"))
    with pytest.raises(ImportFailed, match="繁体.txt：无法识别文件的文字编码"):
        import_report(path)


# -- files that are not reports ------------------------------------------------------------------

NOVEL = "第一章 风雪山神庙\n" + "林冲踏着那瑞雪，迎着北风，飞也似奔到草场门口，开了锁，入内看时，只叫得苦。\n" * 300


@pytest.mark.parametrize("content, reason", [
    (b"", "文件是空的"),
    (b"\r\n \n\t\n", "文件是空的"),
    (bytes(range(256)) * 40, "二进制文件"),
    (NOVEL.encode("utf-8"), "不是一份政府信息公开工作年度报告"),
    (b"Just some English text, not a report at all.\n" * 50, "无法识别文件的文字编码"),
])
def test_a_file_that_is_not_a_report_gets_a_chinese_reason(tmp_path, content, reason):
    path = tmp_path / "某文件.txt"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=reason) as info:
        import_report(path)
    assert "某文件.txt" in str(info.value)


def test_a_huge_file_is_refused_before_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES * 10)          # sparse: 200 MB without writing them
    with pytest.raises(ImportFailed, match="文件过大"):
        import_report(path)


def test_the_command_line_exits_2_without_a_traceback_for_a_non_report(tmp_path):
    path = tmp_path / "小说.txt"
    path.write_text(NOVEL, encoding="utf-8")
    result = nianbao("check", path)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("小说.txt：")
    assert "Traceback" not in result.stderr


def test_a_heading_followed_by_its_text_on_the_same_line_starts_the_section(tmp_path):
    text = replace_once(render("2019", "rows"), "六、其他需要报告的事项\n", "六、其他需要报告的事项：")
    report = load(tmp_path, text).report
    assert report.sections["other"] == OTHER
    assert report.sections["problems"] == PROBLEMS
