"""Read and write the report file (format ``nianbao-report/1``, ../spec report-json.md)."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from app.atomic import atomic_write_bytes
from app.editions import Edition, load_editions
from app.errors import AppError, ImportFailed, ReportFileError
from app.safe_file import read_capped
from app.report import SECTION_IDS, InvalidReview, Report, Review, coerce_cell
from app.report_notes import notes_from_json
from app.text_repair import REPLACEMENT, repair_surrogates

FORMAT = "nianbao-report/1"
MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_YEAR = 9999           # an implausible year within it (0, 1900) is a finding of the checks, not a refusal
_TOP_KEYS = ("format", "edition", "organ", "year", "title", "sections", "tables", "reviews", "import_notes",
              "invalid_cells")


def report_to_dict(report: Report) -> dict:
    """The JSON document of a report, keys in the order the format prescribes."""
    spec = report.spec
    tables = {}
    for table in spec.all_tables():
        tables[table.id] = {
            row.id: {col: _json_value(report.get(table.id, row.id, col)) for col in table.row_columns(row.id)}
            for row in table.rows
        }
    document = {
        "format": FORMAT,
        "edition": report.edition,
        "organ": report.organ,
        "year": report.year,
        "title": report.title,
        "sections": {s: report.sections.get(s, "") for s in SECTION_IDS},
        "tables": tables,
    }
    if report.reviews:
        document["reviews"] = [review.to_json() for review in report.reviews]
    if report.import_notes:  # optional: only while there are notes to check
        document["import_notes"] = [note.to_json() for note in report.import_notes]
    if report.invalid:  # optional: text typed or imported into a number cell, kept as written
        document["invalid_cells"] = dict(report.invalid)
    return document


def _json_value(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def dumps_report(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def save_report_json(report: Report, path: Path) -> None:
    """Write the report atomically: the file on disk is always the old or the new complete report."""
    atomic_write_bytes(Path(path), dumps_report(report).encode("utf-8"))


def load_report_json(path: Path, notes: list[str] | None = None) -> Report:
    """Read a report file; any problem raises ReportFileError naming the file and the first problem.

    Text that no file can hold (lone surrogates written as ``\ud800``) is replaced, with a message
    appended to ``notes`` (when given)."""
    path = Path(path)
    try:
        raw = read_capped(path, MAX_JSON_BYTES, f"{path.name}：文件过大（超过 20 MB），不是报告文件")
    except ImportFailed as exc:
        raise ReportFileError(str(exc)) from exc
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=_without_duplicates)
    except _DuplicateKey as exc:
        raise ReportFileError(f"{path.name}：键“{_short(exc.args[0])}”在同一处出现了两次，无法确定以哪个为准") from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ReportFileError(f"{path.name}：不是有效的 JSON 报告文件（{_json_problem(exc)}）") from exc
    data, repaired = repair_surrogates(data)
    if repaired and notes is not None:
        places = "、".join(_short(w) for w in repaired[:3]) + ("等" if len(repaired) > 3 else "")
        notes.append(f"{places} 含有无法保存的字符（孤立的 UTF-16 代理码），已替换为“{REPLACEMENT}”，请核对")
    try:
        return report_from_dict(data)
    except AppError as exc:
        raise ReportFileError(f"{path.name}：{exc}") from exc


class _DuplicateKey(Exception):
    """A key given twice in one JSON object (``args[0]``)."""


def _without_duplicates(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object; a key given twice is refused (json's default keeps the last one silently)."""
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def report_from_dict(data: object) -> Report:
    """Validate a parsed JSON document strictly and build the report."""
    if not isinstance(data, dict):
        raise ReportFileError("文件内容不是一个 JSON 对象")
    if data.get("format") != FORMAT:
        raise ReportFileError(f"文件格式标识“{_short(data.get('format'))}”不是 {FORMAT}")
    unknown = [k for k in data if k not in _TOP_KEYS]
    if unknown:
        raise ReportFileError(f"未知的字段“{_short(unknown[0])}”")
    editions = load_editions()
    edition_id = data.get("edition")
    if not isinstance(edition_id, str) or edition_id not in editions:
        raise ReportFileError(f"未知的格式版本“{_short(edition_id)}”（支持：{'、'.join(editions)}）")
    spec = editions[edition_id]
    organ = _expect(data.get("organ", ""), str, "organ", "文字")
    title = _expect(data.get("title", ""), str, "title", "文字")
    year = data.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise ReportFileError(f"year 应为整数年份，实为 {_as_written(year)}")
    if year is not None and abs(year) > MAX_YEAR:
        raise ReportFileError(f"year 应为年份，实为一个 {len(str(abs(year)))} 位的数")
    sections = _read_sections(data.get("sections", {}))
    tables = _read_tables(spec, data.get("tables"))
    reviews = read_reviews(data.get("reviews", []))
    notes = notes_from_json(data["import_notes"]) if "import_notes" in data else []
    report = Report(edition=edition_id, organ=organ, year=year, title=title, sections=sections, tables=tables,
                    reviews=reviews, import_notes=notes)
    report.invalid = _read_invalid_cells(report, data.get("invalid_cells", {}))
    return report


def _read_invalid_cells(report: Report, raw: object) -> dict[str, str]:
    """The optional ``invalid_cells``: "table.row.col" → the text as written, for blank cells only."""
    if not isinstance(raw, dict):
        raise ReportFileError("invalid_cells 应为对象")
    cells = {f"{t.id}.{r}.{c}" for t in report.spec.all_tables() for r, c in t.cells()}
    for ref, text in raw.items():
        if ref not in cells:
            raise ReportFileError(f"invalid_cells 中有不存在的单元格“{_short(ref)}”")
        _expect(text, str, f"invalid_cells.{_short(ref)}", "文字")
        if report.get(*ref.split(".")) is not None:
            raise ReportFileError(f"invalid_cells.{_short(ref)}：该单元格已有数值，不能同时记录无效内容")
    return dict(raw)


_REVIEW_KEYS = ("rule", "cell", "found", "reason", "date")


def read_reviews(raw: object) -> list[Review]:
    """The optional ``reviews`` list, strictly: each an object of rule, cell, found, reason, date."""
    if not isinstance(raw, list):
        raise ReportFileError("reviews 应为列表")
    reviews = []
    for number, item in enumerate(raw, 1):
        where = f"reviews 第 {number} 项"
        if not isinstance(item, dict) or sorted(item) != sorted(_REVIEW_KEYS):
            raise ReportFileError(f"{where} 应为含 {'、'.join(_REVIEW_KEYS)} 的对象")
        found = format(item["found"], "f") if isinstance(item["found"], Decimal) else item["found"]
        try:
            reviews.append(Review(**{**item, "found": found}))
        except InvalidReview as exc:
            field = exc.field
            raise ReportFileError(f"{where} 的 {field} 有误（{_short(item.get(field, ''))}）") from None
    return reviews


def _read_sections(raw: object) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ReportFileError("sections 应为对象")
    for key, value in raw.items():
        if key not in SECTION_IDS:
            raise ReportFileError(f"sections 中有未知的部分“{_short(key)}”")
        _expect(value, str, f"sections.{key}", "文字")
    return {s: raw.get(s, "") for s in SECTION_IDS}


def _read_tables(spec: Edition, raw: object) -> dict:
    if not isinstance(raw, dict):
        raise ReportFileError("缺少 tables 或 tables 不是对象")
    known = {t.id for t in spec.tables}
    for key in raw:
        if key not in known:
            raise ReportFileError(f"tables 中有 {spec.id} 版本没有的表“{_short(key)}”")
    tables = {}
    for table in spec.all_tables():
        rows = raw.get(table.id)
        if not isinstance(rows, dict):
            raise ReportFileError(f"缺少表 tables.{table.id}")
        tables[table.id] = _read_rows(table, rows)
    return tables


def _read_rows(table, rows: dict) -> dict:
    for rid in rows:
        if not any(r.id == rid for r in table.rows):
            raise ReportFileError(f"tables.{table.id} 中有未知的行“{_short(rid)}”")
    out = {}
    for row in table.rows:
        cells = rows.get(row.id)
        where = f"tables.{table.id}.{row.id}"
        if not isinstance(cells, dict):
            raise ReportFileError(f"缺少行 {where}")
        allowed = table.row_columns(row.id)
        for cid in cells:
            if cid not in allowed:
                raise ReportFileError(f"{where} 中有未知的列“{_short(cid)}”")
        out[row.id] = {}
        for cid in allowed:
            if cid not in cells:
                raise ReportFileError(f"缺少单元格 {where}.{cid}")
            out[row.id][cid] = _read_value(table.column(cid), cells[cid], f"{where}.{cid}")
    return out


def _read_value(column, value, where: str):
    if value is None:
        return None
    if column.kind == "amount":
        if not isinstance(value, str):
            raise ReportFileError(f"{where} 应为写成字符串的金额（如 \"19.8303\"），实为 {_as_written(value)}")
    elif isinstance(value, bool) or not isinstance(value, int):
        raise ReportFileError(f"{where} 应为整数，实为 {_as_written(value)}")
    try:
        return coerce_cell(column, value)
    except AppError as exc:
        raise ReportFileError(f"{where}：{exc}") from exc


def _expect(value, kind, where: str, what: str):
    if not isinstance(value, kind):
        raise ReportFileError(f"{where} 应为{what}")
    return value


def _json_problem(exc: Exception) -> str:
    """Where a JSON file is broken, in Chinese (the parser's own text is English)."""
    if isinstance(exc, json.JSONDecodeError):
        return f"第 {exc.lineno} 行第 {exc.colno} 列有格式错误"
    if isinstance(exc, UnicodeDecodeError):
        return "文件不是 UTF-8 编码"
    if isinstance(exc, RecursionError):
        return "嵌套层数过多"
    return "数值无法读取"


def _as_written(value: object) -> str:
    """A JSON value as the file has it (18.0, true, "18", null), not as Python shows it (Decimal('18.0'), True)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _short(format(value, "f"))
    # a list or object holding numbers: json.loads made them Decimals; float shows them as written
    return _short(json.dumps(value, ensure_ascii=False, default=float))


def _short(value: object) -> str:
    """A value quoted in a message, cut to a readable length."""
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"
