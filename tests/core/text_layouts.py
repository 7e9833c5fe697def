"""One generator that lays a report (a nianbao-report/1 dict) out as plain text in every layout class
real reports come in: one cell per line (with or without a blank line after every cell), one row per
line with cells separated by spaces, tabs or pipes (with or without the outer pipes, or a pipe alone
on its own line), Word's jagged tab rows (merged cells left empty) and the whole report on one line.

Blank cells (null) are written as an empty cell where the layout has cell borders, else as “/”.
"""
from __future__ import annotations

from app.editions import get_edition, printed_columns

LAYOUTS = ["cell_lines", "cell_blank", "spaces", "tabs", "pipes", "pipes_open", "pipe_lines", "jagged",
           "one_line"]
BORDERED = {"tabs", "pipes", "pipes_open", "pipe_lines", "jagged"}


def _cell(value, bordered: bool) -> str:
    if value is None:
        return "" if bordered else "/"
    return str(value)


def table_rows(report: dict, table_id: str, bordered: bool) -> list[tuple[int, list[str]]]:
    """(indent, cells) per printed row; indent = how many leading label cells Word leaves empty."""
    edition = get_edition(report["edition"])
    table = edition.table(table_id)
    data = report["tables"][table_id]
    rows: list[tuple[int, list[str]]] = []
    if table.one_row:
        groups = [r.label for r in table.rows]
        rows.append((0, ["行政复议", "行政诉讼"]))
        rows.append((0, [c.label for c in table.columns] + groups[1:]))
        rows.append((0, [c.label for c in table.columns] * 2))
        rows.append((0, [_cell(data[r][c], bordered) for r, c in printed_columns(table)]))
        return rows
    if table.blocks:
        for block in table.blocks:
            rows.append((0, [block.label]))
            rows.append((0, [table.corner, *(table.column(c).label for c in block.columns)]))
            for row in block.rows:
                rows.append((0, [table.row(row).label, *(_cell(data[row][c], bordered) for c in block.columns)]))
        return rows
    rows.append((0, [table.note, table.corner]))
    rows.append((0, ["自然人", "法人或其他组织", "总计"]))
    rows.append((0, [c.label for c in table.columns if c.group]))
    seen: set[str] = set()
    for row in table.rows:
        new_path = [p for p in row.path if p not in seen]
        seen.update(row.path)
        indent = len(row.path) - len(new_path)
        rows.append((indent, [*new_path, row.label, *(_cell(data[row.id][c.id], bordered) for c in table.columns)]))
    return rows


def render(report: dict, layout: str) -> str:
    bordered = layout in BORDERED
    edition = get_edition(report["edition"])
    lines: list[str] = []
    if report["title"]:
        lines.append(report["title"])
    lines += [p for p in report["sections"]["preamble"].split("\n") if p]
    for section in edition.sections:
        if not section.number:
            continue
        lines.append(section.title)
        if section.kind == "text":
            lines += [p for p in report["sections"][section.id].split("\n") if p]
        else:
            lines += _table(table_rows(report, section.id, bordered), layout)
    if layout == "one_line":
        return " ".join(lines) + "\n"
    return "\n".join(lines) + "\n"


def _table(rows: list[tuple[int, list[str]]], layout: str) -> list[str]:
    out: list[str] = []
    for indent, cells in rows:
        if layout == "cell_lines":
            out += cells
        elif layout == "cell_blank":
            for cell in cells:
                out += [cell, ""]
        elif layout in ("spaces", "one_line"):
            out.append(" ".join(cells))
        elif layout == "tabs":
            out.append("\t".join(cells))
        elif layout == "jagged":
            out.append("\t" * indent + "\t".join(cells) + "\t")
        elif layout == "pipes":
            out.append("| " + " | ".join(cells) + " |")
        elif layout == "pipes_open":
            out.append(" | ".join(cells))
        elif layout == "pipe_lines":
            for i, cell in enumerate(cells):
                out += ([] if i == 0 else ["|"]) + [cell]
            out.append("")
    return out
