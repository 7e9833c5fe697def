"""Folders of reports such as a county office collects, built in tmp from the samples (audit and sum tests)."""
from __future__ import annotations

import shutil
from pathlib import Path

from app.formats import export_report
from app.report_json import load_report_json, save_report_json
from tests.core.helpers import zero_report

SAMPLES = Path(__file__).parents[1] / "data" / "samples"


def clean_folder(folder: Path) -> Path:
    """Three 2020 reports of three organs, as .json, .docx and .xlsx (the last two exported by us): no errors."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLES / "2020_checun_town.json", folder / "车村镇.json")
    export_report(load_report_json(SAMPLES / "2020_huashan_town.json"), folder / "花山镇.docx")
    export_report(zero_report("2019", organ="甲镇人民政府", year=2020), folder / "甲镇.xlsx")
    return folder


def messy_folder(folder: Path) -> Path:
    """The clean folder plus what real collections hold: a report with an arithmetic error, the same
    organ twice (in a subfolder, as .txt), another year, a broken .docx, a .doc, and files that are no reports."""
    clean_folder(folder)
    wrong = zero_report("2019", organ="乙镇人民政府", year=2020)
    wrong.tables["requests"]["new"]["natural"] = 3          # row total 0 ≠ 3: requests.row_total error
    save_report_json(wrong, folder / "乙镇.json")
    (folder / "街道").mkdir()
    shutil.copyfile(SAMPLES / "2020_geshan_town.txt", folder / "街道" / "阁山镇 报告.txt")
    shutil.copyfile(SAMPLES / "2020_geshan_town.json", folder / "街道" / "阁山镇.json")
    save_report_json(zero_report("2019", organ="丙镇人民政府", year=2019), folder / "丙镇2019.json")
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "旧格式.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    (folder / "说明.md").write_text("收集说明", encoding="utf-8")
    (folder / "照片.png").write_bytes(b"\x89PNG\r\n")
    (folder / "~$花山镇.docx").write_bytes(b"lock")
    (folder / ".hidden").mkdir()
    save_report_json(zero_report("2019", organ="隐藏镇人民政府"), folder / ".hidden" / "x.json")
    return folder


MESSY_REPORTS = ["丙镇2019.json", "乙镇.json", "甲镇.xlsx", "花山镇.docx", "街道/阁山镇 报告.txt", "街道/阁山镇.json",
                 "车村镇.json"]
MESSY_UNREADABLE = ["损坏.docx", "旧格式.doc"]
MESSY_SKIPPED = ["~$花山镇.docx", "照片.png", "说明.md"]
