"""The ruling lines of a PDF page (cell borders), read from its path objects with pypdfium2.

A border is drawn as a stroked line (LibreOffice, WPS), a thin filled rectangle (Word) or the edge
of a stroked rectangle; each becomes a horizontal or vertical Rule in page space (points, y up).
Form XObjects are entered (their matrices composed) to a bounded depth; the number of objects and
segments read per page is bounded, so a hostile page cannot keep the reader busy.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

MAX_OBJECTS = 60_000          # page objects per page (a report page has a few hundred)
MAX_SEGMENTS = 200_000        # path segments per page
MAX_FORM_DEPTH = 4
THIN = 3.0                    # a filled shape this thin (points) is a line
_SKEW = 0.5                   # a segment this far off the axis is not a border


class PageTooComplex(Exception):
    """The page holds more drawing objects than any report page."""


@dataclass
class Rule:
    pos: float        # y of a horizontal rule, x of a vertical one
    start: float      # the smaller end along the rule
    end: float


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


class RuleReader:
    def __init__(self, page_width: float, page_height: float) -> None:
        self.width, self.height = page_width, page_height
        self.horizontal: list[Rule] = []
        self.vertical: list[Rule] = []
        self.objects = 0
        self.segments = 0
        self.images = 0
        self._x, self._y = ctypes.c_float(), ctypes.c_float()
        self._matrix = pdfium_c.FS_MATRIX()
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()

    def read(self, page) -> RuleReader:
        count = pdfium_c.FPDFPage_CountObjects(page)
        self._objects((pdfium_c.FPDFPage_GetObject(page, i) for i in range(max(count, 0))), _IDENTITY, 0, count)
        return self

    def _objects(self, objects, outer: Matrix, depth: int, count: int) -> None:
        self.objects += max(count, 0)
        if self.objects > MAX_OBJECTS:
            raise PageTooComplex
        for obj in objects:
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                self._path(obj, _compose(self._object_matrix(obj), outer))
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                self.images += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                matrix = _compose(self._object_matrix(obj), outer)
                n = pdfium_c.FPDFFormObj_CountObjects(obj)
                self._objects((pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(max(n, 0))), matrix, depth + 1, n)

    def _object_matrix(self, obj) -> Matrix:
        m = self._matrix
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
            return _IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _path(self, obj, matrix: Matrix) -> None:
        n = pdfium_c.FPDFPath_CountSegments(obj)
        self.segments += max(n, 0)
        if self.segments > MAX_SEGMENTS:
            raise PageTooComplex
        pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(self._fill), ctypes.byref(self._stroke))
        if not (self._stroke.value or self._fill.value):
            return                                           # a clipping path draws nothing
        for subpath in self._subpaths(obj, n, matrix):
            self._shape(subpath)

    def _subpaths(self, obj, n: int, matrix: Matrix) -> list[list[tuple[float, float]] | None]:
        """Each subpath as its points in page space; None for one holding curves (never a border)."""
        out: list[list[tuple[float, float]] | None] = []
        points: list[tuple[float, float]] | None = None
        for i in range(n):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(self._x), ctypes.byref(self._y))
            point = _apply(matrix, self._x.value, self._y.value)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO or points is None and out == []:
                points = [point]
                out.append(points)
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO and points is not None:
                points.append(point)
            else:
                points = None
                out[-1] = None
            if points is not None and pdfium_c.FPDFPathSegment_GetClose(segment):
                points.append(points[0])
        return out

    def _shape(self, points: list[tuple[float, float]] | None) -> None:
        if not points or len(points) < 2:
            return
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        left, right, bottom, top = min(xs), max(xs), min(ys), max(ys)
        if right - left >= 0.9 * self.width and top - bottom >= 0.9 * self.height:
            return                                           # a page background
        if top - bottom <= THIN and right - left > THIN:
            self.horizontal.append(Rule((top + bottom) / 2, left, right))
        elif right - left <= THIN and top - bottom > THIN:
            self.vertical.append(Rule((left + right) / 2, bottom, top))
        elif right - left > THIN and top - bottom > THIN:
            self._edges(points)

    def _edges(self, points: list[tuple[float, float]]) -> None:
        """The axis-parallel edges of a larger shape (a stroked or shaded rectangle)."""
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            if abs(y1 - y0) <= _SKEW and abs(x1 - x0) > THIN:
                self.horizontal.append(Rule((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
            elif abs(x1 - x0) <= _SKEW and abs(y1 - y0) > THIN:
                self.vertical.append(Rule((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def read_rules(page, width: float, height: float) -> RuleReader:
    """The rules of a pdfium page handle (``horizontal``, ``vertical``; and how many ``images``)."""
    return RuleReader(width, height).read(page)
