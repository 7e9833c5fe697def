"""``nianbao audit`` and ``nianbao sum`` (contract: report-json.md), registered by app/cli.py."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from app.audit import Audit, AuditEntry, audit_folder
from app.cli import _NOTE_LEVELS, EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, check_json, emit
from app.errors import ImportFailed


def add_audit_commands(sub) -> None:
    audit = sub.add_parser("audit", help="检查文件夹中的全部报告（含子文件夹）")
    audit.add_argument("folder", type=Path)
    audit.add_argument("--last", type=Path, help="上一年度报告所在的文件夹（按机关名称、再按文件名配对，做跨年度检查）")
    audit.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    audit.add_argument("--xlsx", type=Path, help="另存检查清单为 Excel 工作簿")
    total = sub.add_parser("sum", help="把文件夹中同一年度的报告逐项相加，生成汇总报告")
    total.add_argument("folder", type=Path)
    total.add_argument("output", type=Path, help="汇总报告（按扩展名：.json/.docx/.xlsx）")
    total.add_argument("--organ", default="", help="汇总报告的发布机关")
    total.add_argument("--year", type=int, help="只汇总该年度的报告")


# ---- audit -------------------------------------------------------------------------------------

def cmd_audit(args) -> int:
    progress = _Progress(enabled=not args.json)
    try:
        audit = audit_folder(args.folder, args.last, on_total=progress.start, on_entry=progress.step)
    finally:
        progress.close()
    if args.xlsx is not None:
        from app.write.audit_xlsx import write_audit_xlsx  # noqa: PLC0415 - openpyxl only when asked
        write_audit_xlsx(audit, args.xlsx)
    if args.json:
        emit(json.dumps(audit_json(audit), ensure_ascii=False, indent=2))
    else:
        emit(format_audit(audit))
        if args.xlsx is not None:
            emit(f"检查清单已写入 {args.xlsx}")
    if not audit.reports:
        if not audit.unreadable:
            print(f"{args.folder}：文件夹中没有报告文件", file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if audit.has_errors else EXIT_OK


def audit_json(audit: Audit) -> dict:
    """``audit --json``: each report exactly as ``check --json`` gives it, plus its error and warning counts."""
    return {
        "reports": [{**check_json(e.file, e, e.notes, e.findings), "errors": e.errors, "warnings": e.warnings}
                    for e in audit.reports],
        "unreadable": [{"file": e.file, "message": e.error} for e in audit.unreadable],
        "skipped": audit.skipped,
        "audit_findings": [f.to_json() for f in audit.findings],
    }


def format_audit(audit: Audit) -> str:
    """One line per report, then the unreadable and skipped files, the audit's findings and a summary."""
    lines = [_report_line(e) for e in audit.reports]
    lines += [f"{e.file}　无法读取：{e.error}" for e in audit.unreadable]
    if audit.skipped:
        lines.append(f"已跳过 {len(audit.skipped)} 个不是报告的文件：{'、'.join(audit.skipped)}")
    lines += [f"汇总检查：{f.message}" for f in audit.findings]
    lines.append(audit.summary())
    return "\n".join(lines)


def _report_line(entry: AuditEntry) -> str:
    year = f"{entry.year} 年度" if entry.year is not None else "未填年度"
    parts = [entry.file, entry.organ or "（未填写发布机关）", year, f"{entry.edition} 版",
             f"错误 {entry.errors}", f"警告 {entry.warnings}"]
    if entry.errors:
        parts.append(f"首个错误：{entry.first_error}")
    return "　".join(parts)


class _Progress:
    """A progress bar on stderr when it is a terminal (tqdm); nothing otherwise."""

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled and sys.stderr.isatty()
        self._bar = None

    def start(self, total: int) -> None:
        if self._enabled and total:
            from tqdm import tqdm  # noqa: PLC0415
            self._bar = tqdm(total=total, unit="份", desc="检查报告", file=sys.stderr, leave=False)

    def step(self, _entry=None) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


# ---- sum ---------------------------------------------------------------------------------------

def cmd_sum(args) -> int:
    from app.county_sum import sum_folder  # noqa: PLC0415
    from app.checks import Level, count_levels, run_checks  # noqa: PLC0415
    from app.formats import export_report  # noqa: PLC0415

    if args.output.exists():
        print(f"{args.output.name}：文件已存在，为避免覆盖请另选文件名", file=sys.stderr)
        return EXIT_UNREADABLE
    progress = _Progress(enabled=True)
    try:
        compiled = sum_folder(args.folder, args.organ.strip(), args.year, exclude=args.output,
                               on_total=progress.start, on_entry=progress.step)
    except ImportFailed as exc:
        progress.close()
        print(f"{args.folder}：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    progress.close()
    export_report(compiled.report, args.output)
    for note in compiled.notes:
        print(f"请核对（{_NOTE_LEVELS.get(note.level, note.level)}）：{note.message}", file=sys.stderr)
    counts = count_levels(run_checks(compiled.report))
    emit(f"已汇总为 {args.output}；汇总报告有 {counts[Level.ERROR]} 个错误、{counts[Level.WARNING]} 个警告"
          f"（nianbao check {args.output} 查看）")
    return EXIT_OK

