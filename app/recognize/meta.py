"""Title, organ and year of a report, found in its text (front matter, preamble, contact details)."""
from __future__ import annotations

import re
from collections import Counter

from app.lazy_pattern import LazyPattern

_TITLE_MAX = 40
_TITLE_END = ("报告", "年报")
_SENTENCE_ENDS = "。；;！？"                # a line holding one is a sentence, not a title
_ORGAN_SUFFIX = re.compile(r"(镇|乡|街道)(人民政府|办事处)")
_ORGAN_WORD = re.compile(r"人民政府|办事处|[镇乡]")
_ORGAN_STOP = set("省市区县州旗盟年月日")
_LEADING_WORDS = ("请与", "请向", "请联系", "联系", "与", "向", "由", "对", "经", "是")
_YEAR = re.compile(r"(20\d\d)\s*年")
_TITLE_SPACES = " \t\u3000\u00a0"
_PLACES = LazyPattern(r"(?:[\u4e00-\u9fff]{1,12}?(?:自治区|自治州|自治县|地区|省|市|区|县|州|旗|盟)[ \u3000\u00a0]*)*")
_PERIOD_YEAR = LazyPattern(r"统计(?:期限|时限|时间|区间)[^。]{0,12}?(20\d\d)\s*年")


def split_title(front: list[str], folded: list[str] | None = None) -> tuple[str, list[str]]:
    """The title (joined when split over two lines) and the remaining front lines (the preamble).

    ``folded``: the same lines folded for matching (traditional characters), same lengths.
    """
    span = title_span(folded if folded is not None else front)
    if span is None:
        return "", list(front)
    start, end = span
    return "".join(front[start:end]), front[:start] + front[end:]


def title_span(front: list[str]) -> tuple[int, int] | None:
    """Indices (start, end) of the title lines among the front lines, or None."""
    for i, line in enumerate(front):
        if len(line) > _TITLE_MAX or _is_sentence(line) or not line.endswith(_TITLE_END):
            continue
        start = i
        previous = front[i - 1] if i > 0 else ""
        if previous and len(previous) <= _TITLE_MAX and not _is_sentence(previous) \
                and not _ORGAN_WORD.search(line) and _ORGAN_WORD.search(previous):
            start = i - 1
        return start, i + 1
    return None


def _is_sentence(line: str) -> bool:
    """Whether ``line`` holds a sentence's end (a character test: a class of them costs ~0.2 ms to compile)."""
    return any(ch in line for ch in _SENTENCE_ENDS)


def find_organ(texts: list[str]) -> str:
    """The township organ (``XX镇人民政府``, ``XX街道办事处``) named first in these texts, or ''."""
    for text in texts:
        for match in _ORGAN_SUFFIX.finditer(text or ""):
            name = _name_before(text, match.start())
            if name:
                return name + match.group(0)
    return ""


def title_organ(title: str, organ: str) -> str:
    """The organ as the title writes it, when the title begins with it and then the year
    (“某某县 某某乡人民政府2025年…” → “某某县 某某乡人民政府”); otherwise ``organ`` unchanged.

    Only places (省, 市, 区, 县 …) may stand before the organ found in the text: a title that starts
    with the year, or with other words (关于…), keeps ``organ``.
    """
    match = _YEAR.search(title or "")
    if not organ or match is None:
        return organ
    before = title[:match.start()].strip(_TITLE_SPACES)
    if before == organ or not before.endswith(organ) or len(before) > _TITLE_MAX:
        return organ
    return before if _PLACES.fullmatch(before[:-len(organ)]) else organ


def _name_before(text: str, end: int) -> str:
    start = end
    while start > 0 and end - start < 4 and _is_name_char(text[start - 1]):
        start -= 1
    name = text[start:end]
    for word in _LEADING_WORDS:
        if name.startswith(word) and len(name) - len(word) >= 2:
            return name[len(word):]
    return name if len(name) >= 1 else ""


def _is_name_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and ch not in _ORGAN_STOP


def find_year(title: str, texts: list[str]) -> int | None:
    """The report year: from the title, else the statistics period, else the year named most often."""
    match = _YEAR.search(title or "")
    if match:
        return int(match.group(1))
    for text in texts:
        match = _PERIOD_YEAR.search(text or "")
        if match:
            return int(match.group(1))
    counts = Counter(int(m.group(1)) for text in texts for m in _YEAR.finditer((text or "")[:3000]))
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


# -- organs that are not written out as XX镇人民政府 -------------------------------------------------

_ORGAN_END = ("人民政府", "办事处", "管理委员会", "委员会", "管委会", "局", "办公室", "中心", "厅", "署", "院",
              "大队", "支队", "公司")
_BARE_TOWN = LazyPattern(r"(?:.*[省市区县州旗盟])?([\u4e00-\u9fff]{2,6}?)(镇|乡|街道)$")
_TITLE_HEAD = LazyPattern(r"^(.*?)(?:20\d\d\s*年|关于|政府信息公开|信息公开)")
_COMMITTEE = LazyPattern(r"[\u4e00-\u9fff]{2}(管委会|管理委员会)")
_CONTACT_TOWN = LazyPattern(r"(?:请与|请向|请联系|联系|由)([\u4e00-\u9fff]{2,5}?)(镇|乡|街道)(?!人民政府|办事处)")
_YEAR_TOWN = LazyPattern(r"20\d\d\s*年度?\s*[，,]\s*([\u4e00-\u9fff]{2,5}?)(镇|乡|街道)(?=[\u4e00-\u9fff])")
_NOT_A_NAME = tuple("各全我本该乡村")
_SUFFIX = {"镇": "镇人民政府", "乡": "乡人民政府", "街道": "街道办事处"}


def organ_of(title: str, texts: list[str]) -> str:
    """The organ that publishes the report, from the title first, then from the report's text."""
    organ = find_organ([title])
    if organ:
        return title_organ(title, organ)
    head = _title_head(title)
    if head:
        town = _BARE_TOWN.match(head)
        if town:
            return town.group(1) + _SUFFIX[town.group(2)]
        if head.endswith("管委会"):
            return head[:-3] + "管理委员会"
        if head.endswith(_ORGAN_END) and len(head) >= 4:
            return head
    organ = find_organ(texts)
    if organ:
        return title_organ(title, organ)
    for text in texts:
        match = _COMMITTEE.search(text or "")
        if match:
            return _committee_name(text, match.start(1)) + "管理委员会"
    for pattern in (_CONTACT_TOWN, _YEAR_TOWN):          # 请与YY镇党政办联系；2021年，YY镇认真…
        for text in texts:
            match = pattern.search(text or "")
            if match and not match.group(1).startswith(_NOT_A_NAME):
                return match.group(1) + _SUFFIX[match.group(2)]
    return ""


def _title_head(title: str) -> str:
    match = _TITLE_HEAD.match((title or "").strip(_TITLE_SPACES))
    return match.group(1).strip(_TITLE_SPACES) if match else ""


def _committee_name(text: str, end: int) -> str:
    """The name before 管委会: the run of Chinese characters, after the last 请与/向/汇总 in it."""
    start = end
    while start > 0 and end - start < 16 and "\u4e00" <= text[start - 1] <= "\u9fff":
        start -= 1
    name = text[start:end]
    for word in ("请与", "请向", "汇总", "联系", "关于"):
        name = name.rpartition(word)[2] if word in name[:-2] else name
    return name
