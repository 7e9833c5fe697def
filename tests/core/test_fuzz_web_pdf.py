"""Mutated web pages and PDFs (bit flips, truncation, junk, repeated chunks, huge numbers, long lines)
end in a report or a Chinese error naming the file — within a deadline, in bounded memory."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.report_json import load_report_json
from tests.core import fuzz_engine as fe
from tests.core.docx_fixtures import report_2021
from tests.core.html_fixtures import Page, report_html
from tests.core.pdf_fixtures import Print, report_pdf

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
MUTATIONS = [fe.flip_bytes, fe.truncate, fe.insert_junk, fe.duplicate_chunk, fe.huge_number, fe.long_line]
CASES = 30
DEADLINE = 15.0


def _seeds(suffix: str) -> list[bytes]:
    reports = [report_2021(), load_report_json(SAMPLES / "2020_geshan_town.json")]
    if suffix == ".pdf":
        return [report_pdf(r, Print(page_height=500, bars=i == 1)) for i, r in enumerate(reports)]
    return [report_html(r, Page(wrapped_cells=i == 1)).encode("utf-8") for i, r in enumerate(reports)]


@pytest.mark.parametrize("suffix", [".pdf", ".html"])
def test_mutated_files_end_in_a_report_or_a_chinese_error(suffix, tmp_path):
    rng = random.Random(f"15{suffix}")
    seeds = _seeds(suffix)
    failures = []
    for case in range(CASES):
        mutation = rng.choice(MUTATIONS)
        label, data = mutation(rng, rng.choice(seeds))
        path = tmp_path / f"第{case}号{suffix}"
        path.write_bytes(data)
        outcome = fe.run_case(path, suffix, label, DEADLINE)
        if outcome.kind == "failure" or (outcome.kind == "error" and path.name not in outcome.detail):
            failures.append(f"{label}: {outcome.detail}")
        path.unlink()
    assert not failures, "\n".join(failures)
