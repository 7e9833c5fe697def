"""Typography of a Chinese official document (GB/T 9704) for the .docx exporter.

Styles are built in code on python-docx's default template: A4 portrait, margins 37/35/28/26 mm,
title 方正小标宋简体 二号, 一、 headings 黑体 三号, （一） headings 楷体_GB2312 三号, body 仿宋_GB2312
三号 with a two-character first-line indent and exact 28.9 pt lines, tables 宋体 五号, page
numbers ``— 1 —`` in 宋体 四号, digits in 宋体 too (odd pages right, even pages left, one character in).
Body text sets 28 characters a line (GB/T 9704: 22 lines × 28 characters), not the 27 that fit at
the font's natural width: 三号 characters are set ¼ pt closer (15.75 pt, 28 × 15.75 ≤ 156 mm). This
works alike in Word, WPS and LibreOffice; a ``linesAndChars`` character grid would too in Word and
WPS, but LibreOffice puts every 16 pt CJK character of a grid narrower than 16 pt into two cells
(14 characters a line), so the section keeps a line grid (22 lines) only.

Fonts the reader's machine lacks must not turn into tofu. Three layers take care of it:
1. every run style sets ``w:rFonts`` with ``w:eastAsia`` = the Chinese font, ``w:ascii``/``w:hAnsi`` =
   Times New Roman and ``w:hint="eastAsia"`` (quotes and dashes are drawn with the Chinese font);
   theme-font attributes are removed so they cannot override these names;
2. ``word/fontTable.xml`` declares each Chinese font with ``w:altName`` (方正小标宋简体 → 宋体,
   仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体) and ``w:charset 86`` (GB2312), which is what Word uses
   to pick a substitute, so a missing font degrades to a Chinese font, never to a Western one;
3. the document defaults (and the theme-font language) are 宋体 / zh-CN, so whatever a viewer
   cannot resolve falls back to a Chinese serif face (LibreOffice and fontconfig choose by language).
"""
from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

LATIN = "Times New Roman"
SONG = "宋体"
TITLE_FONT = "方正小标宋简体"
HEI = "黑体"
KAI = "楷体_GB2312"
FANGSONG = "仿宋_GB2312"

SIZE_2 = Pt(22)      # 二号
SIZE_3 = Pt(16)      # 三号
SIZE_4 = Pt(14)      # 四号
SIZE_5 = Pt(10.5)    # 五号
LINE = Pt(28.9)      # 22 lines on the 225 mm type area
TEXT_WIDTH = Mm(210 - 28 - 26)
CHARS_PER_LINE = 28  # characters of 三号 type per line of body text
CONDENSE_TWIPS = -5  # 16 − ¼ pt = 15.75 pt per character: 28 fit the 442 pt measure

STYLE_TITLE = "年报标题"
STYLE_H1 = "一级标题"
STYLE_H2 = "二级标题"
STYLE_BODY = "年报正文"
STYLE_TABLE = "表格文字"
STYLE_PAGE = "年报页码"

_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:rPr")

# name → (altName, w:family, panose) written to fontTable.xml
_FONT_TABLE = {
    SONG: ("SimSun", "auto", "02010600030101010101"),
    TITLE_FONT: (SONG, "script", "02000000000000000000"),
    HEI: ("SimHei", "modern", "02010609060101010101"),
    KAI: ("楷体", "modern", "02010609030101010101"),
    FANGSONG: ("仿宋", "modern", "02010609030101010101"),
}


def set_fonts(r_pr, east_asia: str, latin: str = LATIN) -> None:
    """Name the East Asian and Latin fonts on an rPr element, dropping theme fonts."""
    fonts = r_pr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin), ("w:eastAsia", east_asia)):
        fonts.set(qn(attr), name)
    fonts.set(qn("w:hint"), "eastAsia")


def setup_document(doc) -> None:
    """Page set-up, defaults, fonts and the styles the exporter uses."""
    _page_setup(doc.sections[0])
    _defaults(doc)
    _font_table(doc)
    styles = doc.styles
    _paragraph_style(styles, STYLE_TITLE, TITLE_FONT, SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER,
                     line=Pt(36), indent=False, outline=None)
    _paragraph_style(styles, STYLE_H1, HEI, SIZE_3, outline=0)
    _paragraph_style(styles, STYLE_H2, KAI, SIZE_3, outline=1)
    _paragraph_style(styles, STYLE_BODY, FANGSONG, SIZE_3)
    _paragraph_style(styles, STYLE_TABLE, SONG, SIZE_5, align=WD_ALIGN_PARAGRAPH.CENTER,
                     line=None, indent=False)
    page = _paragraph_style(styles, STYLE_PAGE, SONG, SIZE_4, line=None, indent=False)
    set_fonts(page.element.get_or_add_rPr(), SONG, latin=SONG)     # 半角宋体阿拉伯数字
    _page_numbers(doc)


def _page_setup(section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(24)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(LINE.pt * 20)))


def _defaults(doc) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(r_pr, SONG)
    for tag in ("w:sz", "w:szCs"):     # the character grid is measured in the default size: 三号
        r_pr.find(qn(tag)).set(qn("w:val"), str(int(SIZE_3.pt * 2)))
    lang = r_pr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), SONG)
    normal.font.size = SIZE_3     # Word and LibreOffice measure the character grid in the Normal size


def _font_table(doc) -> None:
    part = next(p for p in doc.part.package.iter_parts() if str(p.partname).endswith("fontTable.xml"))
    from lxml import etree

    root = etree.fromstring(part.blob)
    for name, (alt, family, panose) in _FONT_TABLE.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alt), ("w:panose1", panose), ("w:charset", "86"),
                           ("w:family", family), ("w:pitch", "variable")):
            etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _paragraph_style(styles, name, font, size, *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, line=LINE,
                     indent=True, outline: int | None = None):
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.font.size = size
    style.font.bold = False
    set_fonts(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = True
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if line != LINE:
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        _insert_before(style.element.get_or_add_pPr(), snap, _AFTER_SNAP)
    if outline is not None:
        fmt.keep_with_next = True
    if line == LINE:
        _condense(style.element.get_or_add_rPr())
    if indent:
        _indent_chars(style.element.get_or_add_pPr(), first_line=200)
    if outline is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        style.element.get_or_add_pPr().append(level)
    return style


def _condense(r_pr) -> None:
    """Characters ¼ pt closer, so that 28 三号 characters fill a line (CHARS_PER_LINE)."""
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CONDENSE_TWIPS))
    _insert_before(r_pr, spacing, ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                                   "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:lang"))


def _indent_chars(p_pr, *, first_line: int = 0, left: int = 0, right: int = 0) -> None:
    """Indent in hundredths of a character (200 = two characters), as Word's 字符 units."""
    ind = p_pr.get_or_add_ind()
    for attr, chars, size in (("firstLine", first_line, SIZE_3), ("left", left, SIZE_4), ("right", right, SIZE_4)):
        if chars:
            ind.set(qn(f"w:{attr}Chars"), str(chars))
            ind.set(qn(f"w:{attr}"), str(int(size.pt * 20 * chars / 100)))


def _page_numbers(doc) -> None:
    """``— N —`` at the foot: odd pages right-aligned, even pages left-aligned, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    _page_number_paragraph(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_paragraph(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def _page_number_paragraph(footer, align) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = STYLE_PAGE
    paragraph.alignment = align
    side = {"right": 100} if align == WD_ALIGN_PARAGRAPH.RIGHT else {"left": 100}
    _indent_chars(paragraph._p.get_or_add_pPr(), **side)
    paragraph.add_run("— ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" —")


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (begin / instrText / separate / result / end) in its own runs."""
    for kind, text in (("begin", None), ("instr", f" {instruction} "), ("separate", None),
                       ("text", placeholder), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def keep_row_together(tr, header: bool = False) -> None:
    """A table row (w:tr) at least 5.5 mm high that never splits across pages; header rows repeat
    at the top of every page the table flows onto."""
    tr.trHeight_val, tr.trHeight_hRule = Mm(5.5), WD_ROW_HEIGHT_RULE.AT_LEAST
    tr_pr = tr.get_or_add_trPr()
    _insert_before(tr_pr, OxmlElement("w:cantSplit"), ("w:trHeight",))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def apply_table_layout(table, widths_mm: list[float]) -> None:
    """Fixed layout, given column widths, single borders, small cell margins, centred."""
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            edge.set(qn(key), value)
        borders.append(edge)
    _insert_before(tbl_pr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(int(Mm(0.8).pt * 20)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    _insert_before(tbl_pr, margins, ("w:tblLook",))
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _insert_before(parent, child, successors: tuple[str, ...]) -> None:
    """Insert ``child`` where the schema wants it: before the first of ``successors`` present."""
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def sub_element(parent, tag: str, attrs: dict):
    """Append a new ``tag`` element with ``attrs`` (qualified names such as ``w:val``) to ``parent``."""
    child = OxmlElement(tag)
    for key, value in attrs.items():
        child.set(qn(key), value)
    parent.append(child)
    return child
