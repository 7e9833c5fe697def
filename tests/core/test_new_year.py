"""Next year's draft: carry-overs, edition migration and its notes, years moved on, CLI ``new``."""
import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.checks import run_checks
from app.cli import main
from app.editions import get_edition, load_editions
from app.errors import ImportFailed
from app.new_year import migrate_report, move_years, next_year_draft
from app.report import new_report
from app.report_json import load_report_json, save_report_json

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
ORGAN = "阁山镇人民政府"
COLUMNS = ("natural", "commercial", "research", "nonprofit", "legal", "other_org", "total")


def _sample(stem: str = "2020_checun_town"):
    return load_report_json(SAMPLES / f"{stem}.json")


def _report_2021(year: int = 2022):
    report = new_report("2021", ORGAN, year)
    for col, value in zip(COLUMNS, (2, 1, 0, 0, 0, 0, 3)):
        report.set_cell("requests", "carried_out", col, value)
    report.set_cell("active", "rules", "in_force", 4)
    report.set_cell("active", "normative_docs", "in_force", 37)
    report.sections["overview"] = f"{year}年，阁山镇认真贯彻落实《条例》。"
    return report


def _messages(imported) -> str:
    return "\n".join(n.message for n in imported.notes)


def test_draft_moves_year_keeps_organ_and_regenerates_title():
    last = _report_2021(2022)
    last.title = "2022年阁山镇政府信息公开年报"
    draft = next_year_draft(last)
    assert (draft.report.year, draft.report.organ, draft.report.edition) == (2023, ORGAN, "2021")
    assert draft.report.title == "阁山镇人民政府2023年政府信息公开工作年度报告"
    assert "2022年阁山镇政府信息公开年报" in _messages(draft)


def test_carried_in_is_last_years_carried_out_per_column():
    draft = next_year_draft(_report_2021()).report
    assert [draft.get("requests", "carried_in", c) for c in COLUMNS] == [2, 1, 0, 0, 0, 0, 3]
    assert all(draft.get("requests", "new", c) is None for c in COLUMNS)
    assert all(draft.get("requests", "carried_out", c) is None for c in COLUMNS)


def test_in_force_baseline_comes_from_last_year_and_issued_stays_blank():
    imported = next_year_draft(_report_2021())
    draft = imported.report
    assert draft.get("active", "rules", "in_force") == 4
    assert draft.get("active", "normative_docs", "in_force") == 37
    assert draft.get("active", "rules", "issued") is None and draft.get("active", "rules", "repealed") is None
    assert "二、行政规范性文件：已按上年“现行有效件数”加本年制发减本年废止填入上年数字（现行有效件数 37）" in _messages(imported)


def test_2019_prev_items_is_last_prev_items_plus_change():
    last = _sample()
    last.year = 2019
    last.set_cell("active", "licensing", "change", 3)
    last.set_cell("active", "punishment", "change", -4)
    draft = next_year_draft(last).report
    assert (draft.edition, draft.year) == ("2019", 2020)
    assert draft.get("active", "licensing", "prev_items") == 14
    assert draft.get("active", "punishment", "prev_items") == 96
    assert draft.get("active", "other_services", "prev_items") == 68
    assert draft.get("active", "licensing", "change") is None
    assert draft.get("active", "procurement", "items") is None


def test_blank_carried_out_is_left_blank_and_reported():
    last = _report_2021()
    last.set_cell("requests", "carried_out", "legal", None)
    imported = next_year_draft(last)
    assert imported.report.get("requests", "carried_in", "legal") is None
    assert imported.report.get("requests", "carried_in", "natural") == 2
    note = next(n for n in imported.notes if "“法律服务机构”" in n.message)
    assert note.level == "warning" and "请手工填写" in note.message


def test_2020_report_gives_a_2021_edition_draft_with_dropped_items_explained():
    imported = next_year_draft(_sample("2020_checun_town"))
    draft = imported.report
    assert (draft.edition, draft.year) == ("2021", 2021)
    assert "procurement" not in draft.tables["active"]
    text = _messages(imported)
    assert "不再填报第二十条第（九）项“政府集中采购”" in text
    assert "采购项目数量 22" in text and "采购总金额 19.8303" in text
    assert "不再单列“其他对外管理服务事项”" in text and "上一年项目数量 68" in text
    assert "不再填报“上一年项目数量”" in text and "行政处罚 · 上一年项目数量 100" in text
    assert "对应“3.其他”，本年请按三项分别填写" in text


def test_migration_from_2020_leaves_in_force_blank_with_a_note():
    imported = next_year_draft(_sample("2020_geshan_town"))
    assert imported.report.get("active", "normative_docs", "in_force") is None
    notes = [n for n in imported.notes if "“对外公开总数量”口径不同" in n.message]
    assert len(notes) == 1 and "对外公开总数量 104" in notes[0].message


def test_migrate_report_maps_other_to_other_3_and_keeps_requests_and_appeals():
    last = _sample("2020_checun_town")
    last.set_cell("requests", "other", "natural", 2)
    last.set_cell("requests", "new", "natural", 5)
    last.set_cell("appeals", "review", "upheld", 1)
    last.set_cell("active", "rules", "made", 3)
    migrated = migrate_report(last, "2021")
    report = migrated.report
    assert report.edition == "2021"
    assert report.get("requests", "other_3", "natural") == 2
    assert report.get("requests", "other_1", "natural") is None
    assert report.get("requests", "new", "natural") == 5
    assert report.get("appeals", "review", "upheld") == 1
    assert report.get("active", "rules", "issued") == 3
    assert report.get("active", "licensing", "decisions") == 0
    assert migrated.sources[("requests", "other_3", "natural")] == ("requests", "other", "natural")


def test_every_cell_of_an_older_edition_is_carried_or_dropped_with_a_note():
    for target in load_editions().values():
        for migration in target.migrations:
            source = get_edition(migration.from_edition)
            report = new_report(source.id, ORGAN, source.first_year)
            migrated = migrate_report(report, target.id)
            carried = set(migrated.sources.values())
            dropped = {(d.table, r, c) for d in migration.drop for t in [source.table(d.table)]
                       for r, c in t.cells() if (not d.rows or r in d.rows) and (not d.columns or c in d.columns)}
            every = {(t.id, r, c) for t in source.all_tables() for r, c in t.cells()}
            assert every - carried - dropped == set()
            assert all(d.note for d in migration.drop)


def test_migration_names_only_ids_both_editions_have():
    for target in load_editions().values():
        for migration in target.migrations:
            source = get_edition(migration.from_edition)
            for rule in [*migration.carry, *migration.drop]:
                src = source.table(rule.table)
                assert set(rule.rows) <= {r.id for r in src.rows}
                assert set(rule.columns) <= {c.id for c in src.columns}
            for mapping in migration.carry:
                dst = target.table(mapping.table)
                assert mapping.to_row is None or mapping.to_row in {r.id for r in dst.rows}
                assert mapping.to_column is None or mapping.to_column in {c.id for c in dst.columns}


def test_years_stating_the_report_year_move_on_and_cited_years_stay():
    text = ("2024年，我镇统计期限自2024年1月1日至2024年12月31日。按照《某县2024年度政务公开工作要点》，"
            "2024年3月召开培训会，与2023年相比有所增加；2025年，我镇将继续努力。")
    moved, changes = move_years(text, 2024, 2025)
    assert moved == ("2025年，我镇统计期限自2025年1月1日至2025年12月31日。按照《某县2024年度政务公开工作要点》，"
                     "2024年3月召开培训会，与2023年相比有所增加；2026年，我镇将继续努力。")
    assert [level for level, _ in changes] == ["info", "info", "info", "warning", "warning", "warning", "info"]
    assert "2024年已改为2025年" in changes[0][1]
    assert "未改动" in changes[3][1]


def test_every_copied_paragraph_and_moved_year_is_in_the_notes():
    last = _sample("2020_checun_town")
    imported = next_year_draft(last)
    draft = imported.report
    assert draft.sections["problems"] == last.sections["problems"]
    assert draft.sections["overview"].startswith("2021年，车村镇")
    assert "《车村镇2020年度政务公开工作要点实施方案》" in draft.sections["overview"]
    copied = [n for n in imported.notes if "沿用了上年报告的文字" in n.message]
    paragraphs = [p for s in ("preamble", "overview", "problems", "other") for p in last.sections[s].split("\n") if p.strip()]
    assert len(copied) == len(paragraphs) == 10
    moved = [n for n in imported.notes if "已改为2021年" in n.message]
    assert len(moved) == 4 and all(n.where.startswith("一、总体情况") for n in moved)


def test_draft_passes_the_carry_check_and_has_no_moved_year_warnings():
    last = _report_2021()
    findings = run_checks(next_year_draft(last).report, last)
    assert not [f for f in findings if f.rule in ("carry.requests", "meta.missing", "text.year")]


def test_report_without_a_year_cannot_be_moved_on():
    last = _report_2021()
    last.year = None
    with pytest.raises(ImportFailed, match="没有填写报告年度"):
        next_year_draft(last)


def test_no_migration_back_to_an_older_edition():
    with pytest.raises(ImportFailed, match="没有相应的转换规则"):
        next_year_draft(_report_2021(), target_edition="2019")


# ---- CLI ------------------------------------------------------------------------------------------

def test_cli_new_writes_the_draft_and_prints_notes_in_chinese(tmp_path, capsys):
    out = tmp_path / "2021.json"
    assert main(["new", "--from", str(SAMPLES / "2020_checun_town.json"), str(out)]) == 0
    draft = load_report_json(out)
    assert (draft.edition, draft.year, draft.organ) == ("2021", 2021, "车村镇人民政府")
    captured = capsys.readouterr()
    assert "不再填报第二十条第（九）项“政府集中采购”" in captured.err
    assert "2021 年度报告草稿" in captured.out


def test_cli_new_from_a_2021_file_carries_over(tmp_path):
    source, out = tmp_path / "2022.json", tmp_path / "2023.json"
    save_report_json(_report_2021(), source)
    assert main(["new", "--from", str(source), str(out)]) == 0
    assert load_report_json(out).get("requests", "carried_in", "total") == 3


def test_cli_new_does_not_overwrite_an_existing_file(tmp_path, capsys):
    out = tmp_path / "draft.json"
    out.write_text("keep me", encoding="utf-8")
    assert main(["new", "--from", str(SAMPLES / "2020_checun_town.json"), str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "keep me"
    assert "已存在" in capsys.readouterr().err


@pytest.mark.parametrize("content, reason", [
    (None, "不存在"),
    ("{not json", "不是有效的 JSON"),
    (json.dumps({"format": "other"}), "文件格式标识"),
])
def test_cli_new_with_an_unreadable_source_exits_2(tmp_path, capsys, content, reason):
    source = tmp_path / "last.json"
    if content is not None:
        source.write_text(content, encoding="utf-8")
    out = tmp_path / "draft.json"
    assert main(["new", "--from", str(source), str(out)]) == 2
    err = capsys.readouterr().err
    assert "last.json" in err and reason in err and "Traceback" not in err
    assert not out.exists()


def test_cli_new_with_an_unsupported_source_type_exits_2(tmp_path, capsys):
    assert main(["new", "--from", str(tmp_path / "last.odt"), str(tmp_path / "d.json")]) == 2
    assert "不支持导入" in capsys.readouterr().err


def test_cli_new_from_a_report_without_year_exits_2(tmp_path, capsys):
    source = tmp_path / "last.json"
    last = _report_2021()
    last.year = None
    save_report_json(last, source)
    assert main(["new", "--from", str(source), str(tmp_path / "d.json")]) == 2
    assert "没有填写报告年度" in capsys.readouterr().err


def test_cli_new_into_a_missing_folder_exits_2(tmp_path, capsys):
    out = tmp_path / "no" / "such" / "d.json"
    assert main(["new", "--from", str(SAMPLES / "2020_checun_town.json"), str(out)]) == 2
    assert "d.json" in capsys.readouterr().err


def test_cli_new_without_from_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["new", str(tmp_path / "d.json")])
    assert exc.value.code == 2
    assert "--from" in capsys.readouterr().err


def test_amounts_are_not_carried_into_the_draft():
    last = _report_2021()
    last.set_cell("active", "fees", "amount", Decimal("1.2500"))
    assert next_year_draft(last).report.get("active", "fees", "amount") is None
