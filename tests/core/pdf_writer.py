"""A tiny PDF writer for test fixtures: Chinese text in a standard CJK font, lines, filled rectangles.

The text uses STSong-Light, one of the standard Chinese CID fonts every PDF reader knows (Adobe-GB1,
UniGB-UCS2-H): no font file is embedded and no font needs to be installed, yet the text layer holds
real Unicode. ASCII is half width (/W), Chinese full width. Also writes the odd files: encrypted,
image-only (scanned), and hostile structures (raw objects given by the test).
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

FONT = ("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        "/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 /W [1 95 500] "
        "/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>] >>")


def text_width(text: str, size: float) -> float:
    return sum(size * (0.5 if ord(ch) < 128 else 1.0) for ch in text)


@dataclass
class Page:
    width: float = 595.0             # as shown (a page turned by ``rotate`` is stored the other way round)
    height: float = 842.0
    ops: list[str] = field(default_factory=list)
    rotate: int = 0                  # 0, 90 or 270: /Rotate, the content drawn turned so that it shows upright

    def text(self, x: float, y: float, text: str, size: float = 12.0) -> None:
        """``text`` with its baseline at ``y``."""
        if not text:
            return
        if len(text) == 1:
            # With no CJK font installed PDFium cannot measure a glyph of the unembedded font: a
            # one-character text object has an empty box and is dropped. A trailing space gives it width.
            text += " "
        encoded = text.encode("utf-16-be").hex().upper()
        self.ops.append(f"BT /F1 {size:g} Tf {x:.2f} {y:.2f} Td <{encoded}> Tj ET")

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.5) -> None:
        self.ops.append(f"{width:g} w {x0:.2f} {y0:.2f} m {x1:.2f} {y1:.2f} l S")

    def bar(self, x: float, y: float, w: float, h: float) -> None:
        """A filled rectangle (Word draws cell borders this way)."""
        self.ops.append(f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re f")

    def image(self) -> None:
        self.ops.append("q 595 0 0 842 0 0 cm /Im1 Do Q")


def build_pdf(pages: list[Page], *, encrypted: bool = False, info: dict[str, str] | None = None) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes | str) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    font = add(FONT)
    image = add(_stream(b"\x80" * 64, "/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                                      "/BitsPerComponent 8"))
    pages_id = len(objects) + 1 + 2 * len(pages)
    kids = []
    for page in pages:
        ops, width, height = page.ops, page.width, page.height
        if page.rotate == 90:          # shown (x, y) is stored at (height - y, x) on a height × width page
            ops, width, height = [f"q 0 1 -1 0 {page.height:g} 0 cm", *ops, "Q"], page.height, page.width
        elif page.rotate == 270:       # shown (x, y) is stored at (y, width - x)
            ops, width, height = [f"q 0 -1 1 0 0 {page.width:g} cm", *ops, "Q"], page.height, page.width
        content = add(_stream("\n".join(ops).encode("latin-1")))
        kids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {width:g} {height:g}] /Rotate {page.rotate} "
                        f"/Resources << /Font << /F1 {font} 0 R >> /XObject << /Im1 {image} 0 R >> >> "
                        f"/Contents {content} 0 R >>"))
    add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>")
    root = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>")
    trailer = f"/Root {root} 0 R"
    if info:
        trailer += f" /Info {add('<< ' + ' '.join(f'/{k} <{_utf16(v)}>' for k, v in info.items()) + ' >>')} 0 R"
    if encrypted:
        encrypt = add("<< /Filter /Standard /V 1 /R 2 /O <" + "7A" * 32 + "> /U <" + "3C" * 32 + "> /P -44 >>")
        trailer += f" /Encrypt {encrypt} 0 R /ID [<{'11' * 16}> <{'11' * 16}>]"
    return assemble(objects, trailer)


def assemble(objects: list[bytes], trailer: str) -> bytes:
    """A PDF file from numbered object bodies (1, 2, …) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, extra: str = "") -> bytes:
    packed = zlib.compress(data)
    return f"<< {extra} /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream"


def _utf16(text: str) -> str:
    return ("\ufeff" + text).encode("utf-16-be").hex().upper()
