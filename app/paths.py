"""Locations of the files shipped with the program (editions, templates, resources, sample)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
EDITIONS_DIR = TEMPLATES / "editions"
EXPORT_TEMPLATES = TEMPLATES / "export"
RESOURCES = ROOT / "resources"
SAMPLE_REPORT = RESOURCES / "samples" / "2020_huashan_town.txt"
SAMPLE_REPORT_JSON = RESOURCES / "samples" / "2020_huashan_town.json"
