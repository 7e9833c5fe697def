"""Command line: ``nianbao check|convert|new`` (contract: report-json.md). No Qt here."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from app.checks import Finding, Level, has_errors, run_checks
from app.checks.findings import LEVEL_LABELS
from app.errors import AppError, ReportFileError, os_reason
from app.formats import export_report, import_report
from app.reviews import match_reviews, summary_line, tally

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # Chinese usage errors, exit 2
        self.print_usage(sys.stderr)
        print(f"nianbao：参数有误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_UNREADABLE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nianbao", description="政务公开年报助手：检查、转换政府信息公开工作年度报告")
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser("check", help="导入报告并运行全部检查")
    check.add_argument("file", type=Path)
    check.add_argument("--last", type=Path, help="上一年度的报告（用于跨年度检查）")
    check.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    check.add_argument("--edition", choices=_edition_ids(), help="按指定格式版本读取")
    listing = check.add_mutually_exclusive_group()
    listing.add_argument("--xlsx", type=Path, metavar="OUT", help="另将检查结果清单写成 .xlsx（可筛选）")
    listing.add_argument("--docx", type=Path, metavar="OUT", help="另将检查结果清单写成 .docx（公文格式）")
    convert = sub.add_parser("convert", help="转换报告格式（按扩展名）")
    convert.add_argument("input", type=Path)
    convert.add_argument("output", type=Path)
    convert.add_argument("--edition", choices=_edition_ids(), help="按指定格式版本读取")
    convert.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    new = sub.add_parser("new", help="根据上一年度报告生成下一年度报告草稿")
    new.add_argument("--from", dest="source", type=Path, required=True, help="上一年度的报告")
    new.add_argument("output", type=Path, help="要生成的草稿文件（不覆盖已有文件）")
    from app.cli_audit import add_audit_commands  # noqa: PLC0415 - it imports this module
    add_audit_commands(sub)
    return parser


def _edition_ids() -> list[str]:
    from app.editions import load_editions
    return list(load_editions())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _utf8_stdio()
    if not argv or (len(argv) == 1 and not argv[0].startswith("-") and argv[0] not in _COMMANDS):
        return _open_gui(Path(argv[0]) if argv else None)
    args = build_parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except AppError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREADABLE


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (OSError, ValueError):
                pass


def cmd_check(args) -> int:
    imported = import_report(args.file, edition=args.edition)
    last = import_report(args.last).report if args.last else None
    report = imported.report
    findings = run_checks(report, last)
    if args.json:
        emit(json.dumps(check_json(str(args.file), report, imported.notes, findings), ensure_ascii=False, indent=2))
    else:
        emit(format_findings(report, findings, imported.notes, str(args.file)))
    _write_list(args, report, findings)
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK   # explained errors still count


def findings_json(findings: list[Finding], reviews) -> list[dict]:
    """Findings as ``check --json`` prints them; an explained one adds ``reviewed``."""
    matched = match_reviews(findings, reviews)
    out = []
    for finding in findings:
        item = finding.to_json()
        if finding in matched:
            item["reviewed"] = {"reason": matched[finding].reason, "date": matched[finding].date}
        out.append(item)
    return out


def _write_list(args, report, findings: list[Finding]) -> None:
    from app.write.findings_rows import write_findings  # noqa: PLC0415

    for kind in ("xlsx", "docx"):
        out = getattr(args, kind)
        if out is not None:
            write_findings(report, findings, out, kind)
            print(f"已将检查结果清单写入 {out}", file=sys.stderr)


def check_json(name: str, report, notes, findings: list[Finding]) -> dict:
    """The object ``check --json`` prints for one report (``audit --json`` reuses it per report)."""
    return {
        "file": name,
        "edition": report.edition,
        "year": report.year,
        "organ": report.organ,
        "import_notes": [n.to_json() for n in notes],
        "findings": findings_json(findings, report.reviews),
    }


def emit(text: str) -> None:
    """Print to stdout: a reader that went away (``| head -1``) ends the output quietly; a failed write
    (a full disk, /dev/full) is an error the caller reports in Chinese (exit 2, never "findings")."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as exc:
        _silence_stdout()
        raise ReportFileError(f"无法输出结果（{os_reason(exc)}）") from exc


def _silence_stdout() -> None:
    """Point stdout at the null device, so Python's own flush at exit does not fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


def cmd_convert(args) -> int:
    from app.output_file import refuse_unsafe_target  # noqa: PLC0415

    refuse_unsafe_target(args.input, args.output, args.force)
    imported = import_report(args.input, edition=args.edition)
    export_report(imported.report, args.output)
    for note in imported.notes:
        print(f"导入说明（{note.level}）：{note.message}", file=sys.stderr)
    blanks = blank_cells(imported.report)
    if blanks and args.output.suffix.lower() != ".json":
        print(f"注意：有 {len(blanks)} 个单元格空白，已按空白导出（格式要求填 0），例如 {blanks[0]}", file=sys.stderr)
    emit(f"已将 {args.input.name} 转换为 {args.output}")
    return EXIT_OK


def blank_cells(report) -> list[str]:
    """Official names of the blank cells of a report (the format wants 0 rather than blank)."""
    skip = report.spec.not_applicable_cells(report.organ)     # exported as 「/」
    return [table.cell_label(row, col) for table in report.spec.all_tables() for row, col in table.cells()
            if report.tables[table.id][row].get(col) is None and f"{table.id}.{row}.{col}" not in skip]


def cmd_new(args) -> int:
    from app.new_year import next_year_draft  # noqa: PLC0415
    from app.output_file import export_new_file  # noqa: PLC0415

    if args.output.exists():
        print(f"{args.output.name}：文件已存在，为避免覆盖请另选文件名", file=sys.stderr)
        return EXIT_UNREADABLE
    imported = import_report(args.source)
    try:
        draft = next_year_draft(imported.report)
    except AppError as exc:
        print(f"{args.source.name}：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    export_new_file(draft.report, args.output)
    for note in [*imported.notes, *draft.notes]:
        print(f"请核对（{_NOTE_LEVELS.get(note.level, note.level)}）：{note.message}", file=sys.stderr)
    emit(f"已根据 {args.source.name} 生成 {draft.report.year} 年度报告草稿：{args.output}")
    return EXIT_OK


_NOTE_LEVELS = {"info": "说明", "warning": "注意", "error": "错误"}


def cmd_audit(args) -> int:
    from app.cli_audit import cmd_audit as run  # noqa: PLC0415
    return run(args)


def cmd_sum(args) -> int:
    from app.cli_audit import cmd_sum as run  # noqa: PLC0415
    return run(args)


_COMMANDS = {"check": cmd_check, "convert": cmd_convert, "new": cmd_new, "audit": cmd_audit, "sum": cmd_sum}


def format_findings(report, findings: list[Finding], notes, name: str) -> str:
    """Readable Chinese list: grouped by table (report order), errors first, one-line summary."""
    lines = [f"{name}：{report.organ or '（未填写发布机关）'} {report.year if report.year is not None else '（未填写年度）'} 年度报告，格式版本 {report.edition}"]
    for note in notes:
        lines.append(f"  导入说明：{note.message}" + (f"（{note.where}）" if note.where else ""))
    matched = match_reviews(findings, report.reviews)
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding not in matched:
            groups.setdefault(_group_name(report, finding), []).append(finding)
    for group, items in sorted(groups.items(), key=lambda kv: _group_order(report, kv[0])):
        lines.append(f"【{group}】")
        for finding in sorted(items, key=lambda f: f.level is not Level.ERROR):
            lines.append(f"  {LEVEL_LABELS[finding.level]}：{finding.message}")
    if matched:
        lines.append("【已说明】")
        for finding in sorted(matched, key=lambda f: f.level is not Level.ERROR):
            review = matched[finding]
            lines.append(f"  {LEVEL_LABELS[finding.level]}：{finding.message}")
            lines.append(f"    说明：{review.reason}（{review.date}）")
    lines.append(summary_line(tally(findings, report.reviews)))
    return "\n".join(lines)


def _group_order(report, group: str) -> int:
    titles = ["报告信息", *(s.title or "前言" for s in report.spec.sections)]
    return titles.index(group) if group in titles else len(titles)


def _group_name(report, finding: Finding) -> str:
    if finding.table:
        return report.spec.table(finding.table).title
    if finding.cell:
        return report.spec.section(finding.cell.split(".", 1)[1]).title or "前言"
    return "报告信息"


def _open_gui(path: Path | None) -> int:
    from app.launch import has_display  # noqa: PLC0415

    if not has_display():
        print("未检测到图形显示环境，无法打开窗口。可以使用命令行：nianbao check 文件 / nianbao convert 输入 输出",
              file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        from ui.main_window import run_app  # noqa: PLC0415  (only the entry point imports ui)
    except ImportError as exc:
        print(f"无法启动图形界面：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    return run_app(path)


if __name__ == "__main__":
    raise SystemExit(main())
