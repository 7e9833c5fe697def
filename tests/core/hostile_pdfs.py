"""Hostile and broken PDF files, written byte by byte (see pdf_writer.assemble)."""
from __future__ import annotations

import zlib

from tests.core.pdf_writer import FONT, Page, assemble, build_pdf

_CATALOG = "<< /Type /Catalog /Pages 2 0 R >>"


def _page(parent: int, contents: int, media: str = "[0 0 595 842]", resources: str = "") -> str:
    return f"<< /Type /Page /Parent {parent} 0 R /MediaBox {media} /Contents {contents} 0 R {resources}>>"


def _stream(data: bytes, extra: str = "") -> bytes:
    packed = zlib.compress(data)
    return f"<< {extra} /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream"


def _objects(*bodies: str | bytes) -> list[bytes]:
    return [b.encode("latin-1") if isinstance(b, str) else b for b in bodies]


def page_count_bomb() -> bytes:
    """A page tree that claims a billion pages and whose kids loop back to their parent."""
    return assemble(_objects(_CATALOG, "<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 1000000000 >>",
                             "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 4 0 R] /Count 999999999 >>",
                             _page(3, 5), _stream(b"")), "/Root 1 0 R")


def many_pages(count: int) -> bytes:
    """A small file with very many (real, empty) pages sharing one content stream."""
    kids = " ".join(f"{i} 0 R" for i in range(4, 4 + count))
    pages = [_page(2, 3) for _ in range(count)]
    return assemble(_objects(_CATALOG, f"<< /Type /Pages /Kids [{kids}] /Count {count} >>", _stream(b""), *pages),
                    "/Root 1 0 R")


def self_drawing_form() -> bytes:
    """A page whose form XObject draws itself (an endless loop for a naive reader)."""
    form = _stream(b"0 0 m 100 0 l S /Fx Do", "/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                                              "/Resources << /XObject << /Fx 5 0 R >> >>")
    return assemble(_objects(_CATALOG, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                             _page(2, 4, resources="/Resources << /XObject << /Fx 5 0 R >> >> "),
                             _stream(b"/Fx Do"), form), "/Root 1 0 R")


def looping_object_stream() -> bytes:
    """Objects inside an object stream that /Extends itself, found through a cross-reference stream."""
    inner = b"1 0 2 40 " + _CATALOG.encode().ljust(40) + b"<< /Type /Pages /Kids [] /Count 0 >>"
    head = b"%PDF-1.7\n"
    objstm = (b"3 0 obj\n<< /Type /ObjStm /N 2 /First 9 /Extends 3 0 R /Length " + str(len(inner)).encode()
              + b" >>\nstream\n" + inner + b"\nendstream\nendobj\n")
    xref_at = len(head) + len(objstm)
    rows = [b"\x00\x00\x00\xff\xff", b"\x02\x00\x03\x00\x00", b"\x02\x00\x03\x00\x01", b"\x01" + len(head).to_bytes(3, "big")
            + b"\x00", b"\x01" + xref_at.to_bytes(3, "big") + b"\x00"]
    table = b"".join(rows)
    xref = (b"4 0 obj\n<< /Type /XRef /Size 5 /W [1 3 1] /Root 1 0 R /Prev " + str(xref_at).encode() + b" /Length "
            + str(len(table)).encode() + b" >>\nstream\n" + table + b"\nendstream\nendobj\n")
    return head + objstm + xref + f"startxref\n{xref_at}\n%%EOF\n".encode()


def huge_page() -> bytes:
    page = Page(width=5_000_000, height=5_000_000)
    page.text(100, 100, "一、总体情况")
    return build_pdf([page])


def page_of_paths(count: int = 150_000) -> bytes:
    page = Page()
    page.ops.extend(f"{i % 500} 10 m {i % 500} 20 l S" for i in range(count))
    return build_pdf([page])


def page_of_characters(count: int = 120_000) -> bytes:
    page = Page()
    page.ops.append("BT /F1 2 Tf 10 10 Td <" + "4E00" * count + "> Tj ET")
    return build_pdf([page])


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 3]


def scanned(stamp: str = "") -> bytes:
    """Pages that hold only an image (no text layer), or an image and a few words added later."""
    pages = [Page(), Page(), Page()]
    for page in pages:
        page.image()
    if stamp:
        pages[0].text(400, 100, stamp, 10)
    return build_pdf(pages)


__all__ = ["FONT", "huge_page", "looping_object_stream", "many_pages", "page_count_bomb", "page_of_characters",
           "page_of_paths", "scanned", "self_drawing_form", "truncated"]
