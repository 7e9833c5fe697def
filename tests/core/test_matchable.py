"""Labels are found in the matchable text (app/recognize/matchable.py: the spaces, pipes and quotes written
between a label's characters left out) exactly where a pattern allowing them between every two characters
finds them in the folded text: same labels, same spans, same order, within any bounds."""
import random
import re
from pathlib import Path

import pytest

from app.editions import get_edition
from app.recognize.fold import fold, key_pattern, key_pieces
from app.recognize.headings import _pattern as heading_pattern
from app.recognize.labels import label_index, norm
from app.recognize.lexer import label_regex
from app.recognize.matchable import Matchable

SAMPLES = Path(__file__).parents[1] / "data" / "samples"

# What a label may hold between its characters in folded text, as the recognizer has always allowed it.
_BETWEEN = r"[\s|\"']*"
_WRITTEN_BETWEEN = [" ", "  ", "\n", "\t", " \n ", "|", " | ", '"', "'", "\u2003", "\x0b", "\x1c", "\u00a0"]
_AROUND = ["", " ", "。", "12", "3 4", "合", "需", "要", "需 要", "需要", "x", "\n", "、", ".", ","]


def _reference(keys: list[str]) -> re.Pattern:
    return re.compile("|".join(_BETWEEN.join(key_pieces(k)) for k in keys))


def _written(key: str, rng: random.Random) -> str:
    """``key`` as a report may write it: characters apart, 需 as 需要 (sometimes apart), 总 as 合."""
    out = []
    for i, ch in enumerate(key):
        if ch == "需" and rng.random() < 0.5:
            ch = "需" + rng.choice(["", " ", "\n", "|"]) + "要"
        elif ch == "总" and key[i + 1:i + 2] == "计" and rng.random() < 0.5:
            ch = "合"
        out.append(ch)
        if rng.random() < 0.3:
            out.append(rng.choice(_WRITTEN_BETWEEN))
    return "".join(out)


def _text(keys: list[str], rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 12)):
        parts.append(rng.choice(_AROUND))
        key = rng.choice(keys + ["需", "需求", "要求", "其他", "总计"])
        written = _written(key, rng)
        if rng.random() < 0.2:                                # a label cut short or with a typo
            written = written[:rng.randint(1, max(1, len(written) - 1))]
        parts.append(written)
    return "".join(parts)


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_labels_are_found_in_the_matchable_text_exactly_as_with_spaces_allowed_between_characters(edition):
    keys = label_index(edition).keys
    reference, pattern = _reference(keys), label_regex(edition)
    rng = random.Random(20 + int(edition))
    for _ in range(400):
        folded = _text(keys, rng)
        start = rng.randint(0, len(folded))
        end = rng.randint(start, len(folded))
        expected = [m.span() for m in reference.finditer(folded, start, end)]
        assert list(Matchable(folded).spans(pattern, start, end)) == expected, folded


def test_a_need_written_apart_from_its_want_is_matched_as_in_the_folded_text():
    keys = ["需X", "需", "要求", "X需"]
    pattern = re.compile("|".join(key_pattern(k) for k in keys))
    reference = _reference(keys)
    for folded in ["需 要X", "需要X", "需 要求", "X需 要求", "X需要", "需\n\n要X需要求"]:
        expected = [m.span() for m in reference.finditer(folded)]
        assert list(Matchable(folded).spans(pattern)) == expected, folded


def _labels_as_written(edition_id: str) -> list[str]:
    """Every label, variant, sub-heading, column group and section heading of an edition, each numbering
    separator also written the two other ways (1. 1、 1, / 一、 一. 一,)."""
    edition = get_edition(edition_id)
    texts = [text for section in edition.sections for text in (section.title, section.heading, *section.variants)]
    for table in edition.all_tables():
        for row in table.rows:
            texts += [row.label, *row.variants, *row.path]
        for column in table.columns:
            texts += [column.label, *column.variants, column.group or ""]
        texts += [block.label or "" for block in table.blocks] + [table.corner or "", table.note or ""]
    written = []
    for text in filter(None, texts):
        for separator in ".、,":
            written.append(re.sub(r"(?<=[\d一二三四五六七八九十])[.、,．，]", separator, text))
    return written


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_label_and_heading_patterns_match_what_one_class_per_numbering_separator_matched(edition):
    """key_pattern writes a numbering separator with the piece after it, [.,]X|、X (compiles faster than
    the class [.、,]): the same spans as the class-per-character pattern on every label, variant and heading
    of the edition written every way, all of them in one text, and every sample report."""
    def old_pattern(keys):
        return re.compile("|".join("".join(key_pieces(k)) for k in keys))

    labels = _labels_as_written(edition)
    samples = [fold(path.read_text(encoding="utf-8")) for path in sorted(SAMPLES.glob("*.txt"))]
    texts = [Matchable(fold(text)).text for text in [*labels, "\n".join(labels), "".join(labels)]] + \
        [Matchable(text).text for text in samples]
    keys = label_index(edition).keys
    patterns = [(old_pattern(keys), label_regex(edition))]
    for section in get_edition(edition).sections:
        section_keys = sorted({norm(t) for t in (section.heading, *section.variants)}, key=len, reverse=True)
        patterns.append((old_pattern(section_keys), heading_pattern(edition, section.id)))
    assert any("[.、,]" in "".join(key_pieces(k)) for k in keys) and "[.、,]" not in label_regex(edition).pattern
    found = 0
    for old, new in patterns:
        for text in texts:
            expected = [m.span() for m in old.finditer(text)]
            assert [m.span() for m in new.finditer(text)] == expected, text
            found += len(expected)
    assert found > 5000


def test_each_ordinary_character_of_a_label_stands_for_itself_escaped_as_re_escape_does():
    written = {ch for text in _labels_as_written("2019") + _labels_as_written("2021") for ch in text}
    ordinary = "".join(sorted((written | set(map(chr, range(32, 127))) | set("\t\n\u3000")) - set(".、需总")))
    assert key_pieces(ordinary) == [re.escape(ch) for ch in ordinary]
    assert key_pieces("1.a.合总计总需要一、、") == ["1", "[.、,]", "a", r"\.", "合", "[总合]", "计", "总", "需要?", "要",
                                                "一", "[.、,]", "、"]
