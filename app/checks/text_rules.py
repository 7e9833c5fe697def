"""Narrative rule kinds: wrong year, figures that contradict the tables, empty sections,
fee statement, repetition of last year's text."""
from __future__ import annotations

import re
from functools import lru_cache

from app.checks.findings import Finding, Level
from app.checks.rules import _level, rule
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


@rule("text_year", Level.WARNING)
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
        for match in _YEAR.finditer(text):
            found = int(match.group(1))
            if found >= report.year or not _states_report_year(text, match):
                continue
            phrase = text[match.start(): min(len(text), match.end() + 6)]
            message = (f"{section.title or '前言'}：写的是“{phrase}…”，本报告年度为 {report.year} 年"
                       f"（可能沿用了上年的文字）")
            findings.append(Finding(check.id, _level(check, Level.WARNING), f"sections.{section.id}",
                                    report.year, found, message, span=match.span()))
    return findings


def _states_report_year(text: str, match: re.Match) -> bool:
    after = text[match.end(): match.end() + 16]
    if _CITED_AFTER.match(after):
        return False
    return bool(_REPORT_YEAR_AFTER.match(after))


@rule("text_figures", Level.WARNING)
def check_text_figures(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    findings = []
    for section_id in check.sections:
        text = report.sections.get(section_id, "")
        if not text:
            continue
        title = report.spec.section(section_id).title
        for figure in check.figures:
            expected = sum(_cell(report, ref) or 0 for ref in figure.cells)
            for match in _compiled(figure.pattern).finditer(text):
                stated = _stated(match.group(1))
                if stated != expected:
                    message = f"{title}：文中写“{match.group(0)}”，但统计表中{figure.label}为 {expected}"
                    findings.append(Finding(check.id, _level(check, Level.WARNING), f"sections.{section_id}",
                                            expected, stated, message, span=match.span()))
    return findings


def _stated(digits: str) -> int | str:
    """The figure a text states; an absurdly long digit run stays text (int() refuses > 4300 digits)."""
    return int(digits) if len(digits) <= 30 else digits[:12] + "…"


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _cell(report: Report, ref: str):
    table, row, col = ref.split(".")
    return report.tables[table][row].get(col)


@rule("section_empty", Level.ERROR)
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


@rule("text_mentions", Level.WARNING)
def check_text_mentions(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    text = report.sections.get(check.section, "")
    if any(word in text for word in check.words):
        return []
    message = check.message or f"{report.spec.section(check.section).title}：未提到{'、'.join(check.words)}"
    return [Finding(check.id, _level(check, Level.WARNING), f"sections.{check.section}", None, None, message)]


_MIN_REPEAT_CHARS = 30
_SENTENCE_SPLIT = re.compile(r"[。；;！!？?\n]+")


@lru_cache(maxsize=32)
def _sentences(text: str) -> frozenset[str]:
    return frozenset(s.strip() for s in _SENTENCE_SPLIT.split(text) if len(s.strip()) >= 8)


@rule("text_repetition", Level.WARNING)
def check_text_repetition(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    if last is None:
        return []
    findings = []
    for section_id in check.sections:
        text = report.sections.get(section_id, "")
        previous = _sentences(last.sections.get(section_id, ""))
        parts = [s.strip() for s in _SENTENCE_SPLIT.split(text) if len(s.strip()) >= 8]
        total = sum(len(s) for s in parts)
        if total < _MIN_REPEAT_CHARS or not previous:
            continue  # a one-line statement (e.g. 未收取信息处理费) may well recur every year
        repeated = sum(len(s) for s in parts if s in previous)
        if repeated * 2 > total:
            share = round(100 * repeated / total)
            title = report.spec.section(section_id).title
            message = f"{title}：{share}% 的文字与上年报告相同，请按本年度情况改写"
            findings.append(Finding(check.id, _level(check, Level.WARNING), f"sections.{section_id}",
                                    50, share, message))
    return findings
