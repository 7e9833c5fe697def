"""Hypothesis strategies producing any report the model accepts, of either edition.

Used by the property tests; kept apart so other tests can draw reports too.
"""
from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import strategies as st

from app.checks import auto_total
from app.editions import load_editions
from app.report import SECTION_IDS, Report, standard_title

EDITIONS = sorted(load_editions())
MAX_COUNT = 999_999

# Narrative characters: common CJK, ASCII, full-width punctuation, and the characters that
# spreadsheet programs treat as the start of a formula.
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
_PUNCT = st.sampled_from(list("，。、；：？！“”‘’（）《》【】—…·０１２３４５６７８９％"))
_FORMULA_START = st.sampled_from(["=", "+", "-", "@", "=SUM(A1:A9)", "=HYPERLINK(\"http://x\")", "+1", "-2", "@cmd", ""])
_CHAR = st.one_of(_CJK, _CJK, _ASCII, _PUNCT)


@st.composite
def lines(draw, max_size: int = 60) -> str:
    """One paragraph without leading/trailing blanks, possibly starting like a formula."""
    start = draw(_FORMULA_START)
    body = draw(st.text(_CHAR, min_size=1, max_size=max_size))
    text = (start + body).strip()
    return text or "无"


@st.composite
def narratives(draw, max_paragraphs: int = 4) -> str:
    """Plain narrative text: paragraphs separated by a single newline (may be empty)."""
    return "\n".join(draw(st.lists(lines(), min_size=0, max_size=max_paragraphs)))


_EDGES = {"count": [0, 1, MAX_COUNT], "signed": [0, -1, 1, -MAX_COUNT, MAX_COUNT], "amount": [Decimal("0"), Decimal("0.000001")]}


def _cell_value(rng: random.Random, kind: str):
    roll = rng.random()
    if roll < 0.15:
        return rng.choice(_EDGES[kind])
    if kind == "amount":
        return Decimal(rng.randint(0, 10 ** rng.randint(1, 10))).scaleb(-rng.randint(0, 6))
    top = 20 if roll < 0.6 else MAX_COUNT
    return rng.randint(-top if kind == "signed" else 0, top)


@st.composite
def tables(draw, edition: str) -> dict:
    """Every cell of the edition: a value of the column's kind (edge values included), or blank.

    Cells are filled from a drawn seed: hypothesis then explores seeds and the blank share
    instead of ~200 separate draws per report, which keeps each example cheap.
    """
    spec = load_editions()[edition]
    share = draw(st.sampled_from([0.0, 0.1, 0.5, 1.0]))
    rng = random.Random(draw(st.integers(0, 2 ** 32)))
    out: dict = {}
    for table in spec.all_tables():
        out[table.id] = {}
        for row, col in table.cells():
            blank = rng.random() < share
            value = None if blank else _cell_value(rng, table.column(col).kind)
            out[table.id].setdefault(row, {})[col] = value
    return out


_ORGANS = st.sampled_from(["阁山镇人民政府", "车村镇人民政府", "华山街道办事处", "某某县 某某乡人民政府"])
# Township organs as a printed title names them (the importers recognise 镇/乡/街道 organs).
_TOWNSHIPS = st.builds(
    lambda name, kind: name + kind,
    st.text(st.sampled_from("阁山车村华东西南北河湾桥岭坪沟口新安和平青石龙凤"), min_size=1, max_size=4),
    st.sampled_from(["镇人民政府", "乡人民政府", "街道办事处"]))


@st.composite
def reports(draw, edition: str | None = None, publishable: bool = False) -> Report:
    """Any report the model accepts.

    ``publishable`` reports carry what a printed report carries: an organ, a year and the
    standard title (the title is the only place a .docx keeps them).
    """
    edition = edition or draw(st.sampled_from(EDITIONS))
    if publishable:
        organ = draw(_TOWNSHIPS)
        year = draw(st.integers(2008, 2099))
        title = standard_title(organ, year)
    else:
        organ = draw(st.one_of(st.just(""), _ORGANS, st.text(_CHAR, max_size=20)))
        year = draw(st.one_of(st.none(), st.integers(1900, 2200)))
        title = draw(st.one_of(st.just(""), st.just(standard_title(organ, year)), st.text(_CHAR, max_size=40)))
    sections = {s: draw(narratives()) for s in SECTION_IDS}
    return Report(edition=edition, organ=organ, year=year, title=title, sections=sections,
                  tables=draw(tables(edition)))


@st.composite
def reports_with_invalid_cells(draw) -> Report:
    """A report where some cells hold raw text an importer could not read (cell blank)."""
    report = draw(reports())
    refs = [f"{t.id}.{r}.{c}" for t in report.spec.all_tables() for r, c in t.cells()]
    for ref in draw(st.lists(st.sampled_from(refs), max_size=5, unique=True)):
        table, row, col = ref.split(".")
        report.tables[table][row][col] = None
        report.invalid[ref] = draw(st.text(_CHAR, min_size=1, max_size=10))
    return report


def _settle_balances(report: Report, rng: random.Random) -> None:
    """Make every balance check hold with a positive amount in the balance's ``at`` row (结转下年):
    the first left-hand row (新收) grows by what is missing, then totals are recomputed."""
    for check in (c for c in report.spec.checks if c.kind == "balance"):
        data = report.tables[check.table]
        for col in report.spec.table(check.table).columns:
            left = sum(data[r][col.id] or 0 for r in check.left)
            right = sum(data[r][col.id] or 0 for r in check.right if r != check.at)
            carried_out = max(rng.randint(1, 40), left - right)
            data[check.left[0]][col.id] += right + carried_out - left
            data[check.at][col.id] = carried_out
    auto_total(report)


@st.composite
def consistent_reports(draw, edition: str | None = None) -> Report:
    """A report whose tables add up: every cell filled with a small positive count (amounts
    exact decimals), carry-overs not zero, totals computed, the request balance settled.

    Unlike ``reports()``, whose totals almost never add up, these exercise the code that is only
    reached when they do: total formulas written into .xlsx, balances that pass only when
    上年结转 is on the left-hand side, run-together digits that split only one way.
    """
    edition = edition or draw(st.sampled_from(EDITIONS))
    rng = random.Random(draw(st.integers(0, 2 ** 32)))
    organ = draw(_TOWNSHIPS)
    year = draw(st.integers(2019, 2030))
    return _consistent(edition, rng, organ, year, {s: draw(narratives()) for s in SECTION_IDS})


def consistent_report(edition: str = "2021", seed: int = 1) -> Report:
    """One report of ``consistent_reports`` for a plain test (no hypothesis): tables that add up with
    carry-overs, organ, year, standard title and a sentence in every section."""
    sections = {s: f"第{n}部分的正文。" for n, s in enumerate(SECTION_IDS, 1)}
    return _consistent(edition, random.Random(seed), "阁山镇人民政府", 2024, sections)


def _consistent(edition: str, rng: random.Random, organ: str, year: int, sections: dict) -> Report:
    spec = load_editions()[edition]
    tables_: dict = {}
    for table in spec.all_tables():
        tables_[table.id] = {}
        for row, col in table.cells():
            kind = table.column(col).kind
            value = (Decimal(rng.randint(1, 10 ** 6)).scaleb(-rng.randint(0, 4)) if kind == "amount"
                     else rng.randint(1, 40))
            tables_[table.id].setdefault(row, {})[col] = value
    report = Report(edition=edition, organ=organ, year=year, title=standard_title(organ, year),
                    sections=sections, tables=tables_)
    auto_total(report)
    _settle_balances(report, rng)
    return report
