"""Narrative rule kinds: wrong year, figures that contradict the tables, empty sections,
fee statement, repetition of last year's text.

The rules stay pure functions of the report; what depends only on a text (regex matches per
(pattern, text), year phrases per (text, year), sentence lists, figure findings per text and table
value) sits in small LRU caches keyed by the text string itself, so re-checking after a cell edit
(texts unchanged) costs dictionary look-ups instead of scans of 50,000-character narratives. A key
holds the whole text (compared by value), so an edited text never meets a stale entry."""
from __future__ import annotations

import re
from functools import lru_cache

from app.checks.findings import Finding, Level
from app.checks.rules import RULES, _level
from app.editions import CheckSpec
from app.report import Report

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
# After "YYYY年": phrases that state the report's own year (a year copied from last year's report).
_REPORT_YEAR_AFTER = re.compile(
    r"\s*(?:以来|度|全年|共|，|,|我|本|1月1日|12月31日|一月一日|十二月三十一日|政府信息公开|政务公开|"
    r"信息公开工作|[^，。；]{0,8}年度报告)")
# After "YYYY年": a legitimately cited earlier year (a document issued then, a comparison).
_CITED_AFTER = re.compile(r"\s*(?:\d{1,2}月(?!1日|31日)|印发|出台|发布|制定|颁布|修订|修改|起施行|版|同比|相比|以前|之前|底前)")


def _sections_to_scan(report: Report):
    for section in report.spec.text_sections:
        yield section, report.sections.get(section.id, "")


def check_text_year(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    if report.year is None:
        return []
    findings = []
    for match in _YEAR.finditer(report.title):
        found = int(match.group(1))
        if found != report.year:
            message = f"标题：写的是“{match.group(0)}”，本报告年度为 {report.year} 年（可能沿用了上年的标题）"
            findings.append(Finding(check.id, _level(check, Level.WARNING), None, report.year, found, message,
                                    span=match.span(), field="title"))
    for section, text in _sections_to_scan(report):
        for span, found, phrase in _year_phrases(text, report.year):
            message = (f"{section.title or '前言'}：写的是“{phrase}…”，本报告年度为 {report.year} 年"
                       f"（可能沿用了上年的文字）")
            findings.append(Finding(check.id, _level(check, Level.WARNING), f"sections.{section.id}",
                                    report.year, found, message, span=span))
    return findings


def _year_phrases_uncached(text: str, year: int) -> tuple[tuple[tuple[int, int], int, str], ...]:
    """(span, year written, phrase) of each earlier year ``text`` states as the report's own."""
    phrases = []
    for match in _YEAR.finditer(text):
        found = int(match.group(1))
        if found >= year or not _states_report_year(text, match):
            continue
        phrases.append((match.span(), found, text[match.start(): min(len(text), match.end() + 6)]))
    return tuple(phrases)


def _states_report_year(text: str, match: re.Match) -> bool:
    after = text[match.end(): match.end() + 16]
    if _CITED_AFTER.match(after):
        return False
    return bool(_REPORT_YEAR_AFTER.match(after))


def check_text_figures(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    findings = []
    for section_id in check.sections:
        text = report.sections.get(section_id, "")
        if not text:
            continue
        title = report.spec.section(section_id).title
        for figure in check.figures:
            expected = sum(_cell(report, ref) or 0 for ref in figure.cells)
            findings.extend(_figure_findings(text, figure.pattern, expected, repr(expected), figure.label, title,
                                             check.id, _level(check, Level.WARNING), f"sections.{section_id}"))
    return findings


def _figure_findings_uncached(text: str, pattern: str, expected, expected_repr: str, label: str, title: str,
                     rule_id: str, level: Level, cell: str) -> tuple[Finding, ...]:
    """Findings (frozen, so shareable) for one figure pattern in one text; ``expected_repr`` keeps
    equal but differently written values (5 and Decimal('5.0')) apart."""
    findings = []
    for span, phrase, stated in _figure_matches(pattern, text):
        if stated != expected:
            message = f"{title}：文中写“{phrase}”，但统计表中{label}为 {expected}"
            findings.append(Finding(rule_id, level, cell, expected, stated, message, span=span))
    return tuple(findings)


def _figure_matches_uncached(pattern: str, text: str) -> tuple[tuple[tuple[int, int], str, int | str], ...]:
    """(span, matched phrase, stated figure) of each match of ``pattern`` in ``text``."""
    return tuple((m.span(), m.group(0), _stated(m.group(1))) for m in _compiled(pattern).finditer(text))


def _stated(digits: str) -> int | str:
    """The figure a text states; an absurdly long digit run stays text (int() refuses > 4300 digits)."""
    return int(digits) if len(digits) <= 30 else digits[:12] + "…"


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _cell(report: Report, ref: str):
    table, row, col = ref.split(".")
    return report.tables[table][row].get(col)


def check_section_empty(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    findings = []
    for section in report.spec.text_sections:
        if not section.required:
            continue
        text = report.sections.get(section.id, "").strip()
        if text and text not in check.words:
            continue
        what = "没有内容" if not text else f"只写了“{text}”"
        findings.append(Finding(check.id, _level(check, Level.ERROR), f"sections.{section.id}", None, text or None,
                                f"{section.title}：{what}，这一部分必须如实填写"))
    return findings


def check_text_mentions(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    text = report.sections.get(check.section, "")
    if any(word in text for word in check.words):
        return []
    message = check.message or f"{report.spec.section(check.section).title}：未提到{'、'.join(check.words)}"
    return [Finding(check.id, _level(check, Level.WARNING), f"sections.{check.section}", None, None, message)]


_MIN_REPEAT_CHARS = 30
_SENTENCE_SPLIT = re.compile(r"[。；;！!？?\n]+")


def _parts_uncached(text: str) -> tuple[str, ...]:
    """The sentences of ``text`` long enough to count (8 characters or more), in order."""
    return tuple(s for s in (p.strip() for p in _SENTENCE_SPLIT.split(text)) if len(s) >= 8)


def _sentences_uncached(text: str) -> frozenset[str]:
    return frozenset(_parts(text))


def _repeated_uncached(text: str, previous_text: str) -> tuple[int, int]:
    """(characters of counted sentences in ``text``, of those also found in ``previous_text``)."""
    parts, previous = _parts(text), _sentences(previous_text)
    return sum(len(s) for s in parts), sum(len(s) for s in parts if s in previous)


def check_text_repetition(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    if last is None:
        return []
    findings = []
    for section_id in check.sections:
        text, previous_text = report.sections.get(section_id, ""), last.sections.get(section_id, "")
        total, repeated = _repeated(text, previous_text)
        if total < _MIN_REPEAT_CHARS or not _sentences(previous_text):
            continue  # a one-line statement (e.g. 未收取信息处理费) may well recur every year
        if repeated * 2 > total:
            share = round(100 * repeated / total)
            title = report.spec.section(section_id).title
            message = f"{title}：{share}% 的文字与上年报告相同，请按本年度情况改写"
            findings.append(Finding(check.id, _level(check, Level.WARNING), f"sections.{section_id}",
                                    50, share, message))
    return findings


# The caches of the module docstring. The functions themselves stay undecorated: mutation testing
# (make mutate) skips decorated functions.
_year_phrases = lru_cache(maxsize=64)(_year_phrases_uncached)
_figure_findings = lru_cache(maxsize=64)(_figure_findings_uncached)
_figure_matches = lru_cache(maxsize=64)(_figure_matches_uncached)
_parts = lru_cache(maxsize=32)(_parts_uncached)
_sentences = lru_cache(maxsize=32)(_sentences_uncached)
_repeated = lru_cache(maxsize=32)(_repeated_uncached)


def clear_text_caches() -> None:
    """Empty the text caches (benchmarks of a first check; tests comparing warm and cold results)."""
    for cached in (_year_phrases, _figure_findings, _figure_matches, _parts, _sentences, _repeated):
        cached.cache_clear()


RULES.update({
    "text_year": (check_text_year, Level.WARNING),
    "text_figures": (check_text_figures, Level.WARNING),
    "section_empty": (check_section_empty, Level.ERROR),
    "text_mentions": (check_text_mentions, Level.WARNING),
    "text_repetition": (check_text_repetition, Level.WARNING),
})
