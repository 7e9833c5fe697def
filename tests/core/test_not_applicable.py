"""Cells that do not apply to an organ's level (edition data): no finding when blank, 「/」 in exports."""
import pytest
from docx import Document
from openpyxl import load_workbook

from app.checks import run_checks
from app.edition_schema import validated_data
from app.editions import get_edition, load_edition_file
from app.errors import EditionError
from app.report import parse_cell_text
from app.write.docx import export_docx
from app.write.xlsx import write_xlsx
from tests.core.helpers import zero_report


def _blank_rules(edition: str, organ: str):
    report = zero_report(edition, organ=organ)
    for col in report.spec.table("active").row_columns("rules"):
        report.tables["active"]["rules"][col] = None
    return report


def _blank_findings(report):
    return [f.cell for f in run_checks(report) if f.rule == "value.blank"]


@pytest.mark.parametrize("edition", ["2019", "2021"])
@pytest.mark.parametrize("organ", ["阁山镇人民政府", "花山乡人民政府", "城关街道办事处", "相城镇"])
def test_township_report_with_blank_rules_has_no_finding_there(edition, organ):
    assert _blank_findings(_blank_rules(edition, organ)) == []


@pytest.mark.parametrize("organ", ["青田县人民政府", "某县乡村振兴局", "某市城乡建设局", ""])
def test_county_and_other_organs_still_get_the_finding(organ):
    report = _blank_rules("2021", organ)
    assert _blank_findings(report) == ["active.rules.issued", "active.rules.repealed", "active.rules.in_force"]


def test_other_blank_cells_of_a_township_still_count():
    report = _blank_rules("2021", "阁山镇人民政府")
    report.tables["active"]["normative_docs"]["issued"] = None
    assert _blank_findings(report) == ["active.normative_docs.issued"]


def test_slash_typed_in_a_cell_means_blank():
    column = get_edition("2021").table("active").column("issued")
    assert parse_cell_text(column, "/") is None and parse_cell_text(column, "／") is None


def test_not_applicable_cells_export_as_slash_for_townships_only(tmp_path):
    for organ, expected in (("阁山镇人民政府", "/"), ("青田县人民政府", None)):
        report = _blank_rules("2021", organ)
        write_xlsx(report, tmp_path / "r.xlsx")
        sheet = load_workbook(tmp_path / "r.xlsx")["主动公开"]
        values = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
        assert ("/" in values) == (expected == "/")
        export_docx(report, tmp_path / "r.docx")
        table = Document(tmp_path / "r.docx").tables[0]
        rules_row = next(r for r in table.rows if any(c.text == "规章" for c in r.cells))
        assert [c.text for c in rules_row.cells][-3:] == ([expected or ""] * 3)


def test_the_edition_declares_levels_and_cells_as_data():
    edition = get_edition("2019")
    assert edition.organ_level("阁山镇人民政府") == "township"
    assert edition.organ_level("青田县人民政府") is None
    assert edition.not_applicable_cells("城关街道办事处") == {
        "active.rules.made", "active.rules.published", "active.rules.public_total"}


def test_an_edition_naming_an_unknown_row_or_level_fails_to_load(tmp_path):
    source = get_edition("2021")._asdict()
    for broken in ({"table": "active", "rows": ["laws"], "levels": ["township"]},
                   {"table": "active", "rows": ["rules"], "levels": ["village"]}):
        data = {**source, "not_applicable": [broken]}
        with pytest.raises(EditionError, match="not_applicable 引用了未定义的"):
            validated_data(data, "2021.yaml")
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nnot_applicable: [{table: active, rows: [rules], level: [township]}]\n", encoding="utf-8")
    with pytest.raises(EditionError):
        load_edition_file(path)
