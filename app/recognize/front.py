"""The page around a report: what a web page or a saving tool puts before (and after) the report.

Breadcrumbs (首页 > 政务公开 > …), 发布日期/来源/字体 大 中 小/打印/分享至/关闭, and a saving tool's header
(标题:, 发布时间:, 原文链接: …, a ==== 正文 ==== rule) are neither title nor preamble. The title may
come from such a 标题: line when the body has none.
"""
from __future__ import annotations

from app.lazy_pattern import LazyPattern

_META_KEYS = ("标题|题目|发布时间|发布日期|成文日期|发文日期|文号|发文字号|发布机构|发文机关|发布单位|栏目|"
              "原文链接|原文地址|链接|网址|本地目录|来源|信息来源|文章来源|索引号|主题分类|主题词|分类|"
              "浏览次数|点击数|阅读次数|访问次数|作者|责任编辑|编辑|有效性|时效")
_SAVER_KEYS = "页面链接|附件链接|图片链接|保存时间|抓取时间"
# What a line of a page's or a saving tool's header begins with, after spaces (the four patterns below need one):
# a line beginning otherwise is the report's own, and a report without such a header compiles none of them.
_HEADER_STARTS = (*_META_KEYS.split("|"), *_SAVER_KEYS.split("|"), *"=-—─_*#~")
_META_LINE = LazyPattern(rf"^\s*(?:{_META_KEYS})\s*[:：]")
_TITLE_LINE = LazyPattern(r"^\s*(?:标题|题目)\s*[:：]\s*(.*?)\s*$")
_RULE_LINE = LazyPattern(r"^\s*[=\-—─_*#~]{3,}.*$")
_SAVER_LINE = LazyPattern(rf"^\s*(?:{_SAVER_KEYS})")
_BREADCRUMB = LazyPattern(r"(?:当前位置\s*[:：]\s*)?(?:网站首页|首页|主页)(?:\s*[>＞»›/]\s*[^\s>＞»›/]{1,24})+")
_INLINE = LazyPattern(r"(?:(?:发布日期|发布时间|来源|信息来源|文章来源|浏览次数|点击数|阅读次数|访问次数|作者|责任编辑)"
                     r"\s*[:：]\s*[^\s【】]{0,30})"
                     r"|[【\[]?\s*字体\s*[:：]?\s*[【\[]?\s*[大中小](?:\s*[大中小]){1,2}\s*[】\]]?"
                     r"|【\s*(?:打印|关闭|关闭窗口|打印本页|收藏|返回顶部)\s*】"
                     r"|(?:分享(?:到|至)\s*[:：]?)|(?<![\u4e00-\u9fff])(?:打印本页|关闭窗口|打印|关闭)(?![\u4e00-\u9fff])")
_CHROME_ONLY = LazyPattern(r"^[\s【】\[\]|/·:：]*$")
_INLINE_TITLE = LazyPattern(r"^\s*([^。，；,;]{4,60}?(?:工作年度报告|年度报告|工作报告|年报))"
                            r"(?:\s+|(?=本报告|根据|依据|按照|依照))(\S.*)$")


def strip_page(lines: list[str]) -> tuple[str, list[str]]:
    """The title a saving tool's ``标题:`` line gives ('' if none), and the front lines without the page
    around them (the report's own title and preamble)."""
    page_title, kept = "", []
    for line in lines:
        if line.lstrip().startswith(_HEADER_STARTS):        # lstrip() strips what ^\s* skips
            title = _TITLE_LINE.match(line)
            if title:
                page_title = page_title or title.group(1)
                continue
            if _META_LINE.match(line) or _RULE_LINE.match(line) or _SAVER_LINE.match(line):
                continue
        line = clean_chrome(line)
        if line:
            kept.append(line)
    return page_title, kept


def clean_chrome(line: str) -> str:
    """A line without breadcrumbs and page buttons; '' when nothing else was on it."""
    if not any(word in line for word in ("首页", "主页", "字体", "打印", "关闭", "分享", "来源", "发布", "浏览",
                                         "点击", "作者", "编辑", "阅读", "访问")):
        return line.strip()
    cleaned = _INLINE.sub(" ", _BREADCRUMB.sub(" ", line))
    return "" if _CHROME_ONLY.match(cleaned) else cleaned.strip()


def split_inline_title(lines: list[str]) -> list[str]:
    """A first line holding the title and then the preamble (one-line pages) becomes two lines."""
    if not lines or not _text_after_report_word(lines[0]):
        return lines                            # a title alone on its line: _INLINE_TITLE is not even compiled
    match = _INLINE_TITLE.match(lines[0])
    if match is None or "本报告" in match.group(1):
        return lines
    return [match.group(1), match.group(2), *lines[1:]]


def _text_after_report_word(line: str) -> bool:
    """Whether anything but spaces follows the first 报告 or 年报 of ``line``: _INLINE_TITLE's title ends with
    one of them, and text must follow it."""
    found = [i for i in (line.find("报告"), line.find("年报")) if i >= 0]
    return bool(found) and bool(line[min(found) + 2:].strip())
