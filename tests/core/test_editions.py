"""Every shipped edition loads and keeps its invariants; a malformed file names the file and key."""
from pathlib import Path

import pytest

from app.editions import header_bands, load_edition_file, load_editions
from app.errors import EditionError

EDITIONS = load_editions()


@pytest.mark.parametrize("edition_id", sorted(EDITIONS))
def test_ids_are_unique(edition_id):
    edition = EDITIONS[edition_id]
    for table in edition.all_tables():
        assert len({r.id for r in table.rows}) == len(table.rows)
        assert len({c.id for c in table.columns}) == len(table.columns)
    assert len({c.id for c in edition.checks}) == len(edition.checks)


@pytest.mark.parametrize("edition_id", sorted(EDITIONS))
def test_header_groups_are_contiguous(edition_id):
    for table in EDITIONS[edition_id].all_tables():
        groups = [c.group for c in table.columns]
        seen = set()
        for index, group in enumerate(groups):
            if group and group in seen and groups[index - 1] != group:
                pytest.fail(f"group {group} of {table.id} is split")
            seen.add(group)


@pytest.mark.parametrize("edition_id", sorted(EDITIONS))
def test_every_row_of_the_requests_table_is_counted_once(edition_id):
    edition = EDITIONS[edition_id]
    results = next(c for c in edition.checks if c.id == "requests.results_total")
    rows = [r.id for r in edition.table("requests").rows]
    assert set(results.parts) == set(rows) - {"new", "carried_in", "results_total", "carried_out"}


def test_statutory_row_counts():
    assert [len(t.rows) for t in EDITIONS["2019"].all_tables()] == [8, 23, 3]
    assert [len(t.rows) for t in EDITIONS["2021"].all_tables()] == [6, 25, 3]
    assert len(EDITIONS["2019"].table("appeals").cells()) == 15


def test_requests_header_bands_merge_legal_persons_over_five_columns():
    bands = header_bands(EDITIONS["2021"].table("requests"))
    assert ("法人或其他组织", 0, 1, 5, 1) in bands
    assert ("自然人", 0, 0, 1, 2) in bands and ("总计", 0, 6, 1, 2) in bands


def test_appeals_header_bands():
    bands = header_bands(EDITIONS["2019"].table("appeals"))
    assert ("行政复议", 0, 0, 5, 1) in bands
    assert ("行政诉讼", 0, 5, 10, 1) in bands
    assert ("未经复议直接起诉", 1, 5, 5, 1) in bands
    assert ("结果维持", 1, 0, 1, 2) in bands
    assert ("结果维持", 2, 5, 1, 1) in bands


def test_cell_labels_are_official():
    requests = EDITIONS["2019"].table("requests")
    assert requests.cell_label("results_total", "natural") == "三、（七）总计 · 自然人"
    assert EDITIONS["2021"].table("active").cell_label("fees", "amount") == "二、行政事业性收费 · 本年收费金额（单位：万元）"


def test_malformed_edition_names_file_and_key(tmp_path):
    source = Path(__file__).parents[2] / "templates" / "editions" / "2021.yaml"
    broken = tmp_path / "2030.yaml"
    broken.write_text(source.read_text(encoding="utf-8").replace("- {id: rules, label: 规章}", "- {id: rules, lable: 规章}"),
                      encoding="utf-8")
    with pytest.raises(EditionError) as err:
        load_edition_file(broken)
    assert "2030.yaml" in str(err.value) and "tables" in str(err.value)


def test_check_naming_an_unknown_row_is_refused(tmp_path):
    source = Path(__file__).parents[2] / "templates" / "editions" / "2019.yaml"
    broken = tmp_path / "x.yaml"
    broken.write_text(source.read_text(encoding="utf-8").replace("at: carried_out", "at: carried_away"), encoding="utf-8")
    with pytest.raises(EditionError) as err:
        load_edition_file(broken)
    assert "x.yaml" in str(err.value) and "carried_away" in str(err.value)


def test_unreadable_yaml(tmp_path):
    broken = tmp_path / "bad.yaml"
    broken.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(EditionError) as err:
        load_edition_file(broken)
    assert "bad.yaml" in str(err.value)
