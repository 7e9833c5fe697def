"""文件 menu actions for what clerks do with a finished report: print (preview), export PDF, and copy
the statistics tables for the website.

Printing and the PDF use the layout of ui/pdf_export.py (the .docx page set-up); the copy puts the
three tables on the clipboard as HTML with merged cells (website editor, WPS, Word) and as
tab-separated text (Excel), from app/write/html.py.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QMimeData, QObject
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.errors import AppError
from app.write.html import tables_for_clipboard
from ui.pdf_export import export_pdf, render


def copy_tables_to_clipboard(report) -> None:
    """The three statistics tables as HTML (merged cells) and as tab-separated text."""
    html, text = tables_for_clipboard(report)
    mime = QMimeData()
    mime.setHtml(html)
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)


def full_page_printer() -> QPrinter:
    """An A4 printer whose painter covers the whole page (render() places the GB/T 9704 margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    printer.setFullPage(True)
    return printer


class PrintActions(QObject):
    """打印预览 / 打印 / 导出 PDF / 复制为网页表格 for the window's current report."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.preview: QPrintPreviewDialog | None = None

    def _report(self):
        self.window.view.commit_typing()   # a value still being typed in a cell is printed / exported too
        self.window.session.flush()
        return self.window.session.report

    def print_preview(self) -> None:
        printer = full_page_printer()
        self.preview = QPrintPreviewDialog(printer, self.window)
        self.preview.setWindowTitle("打印预览")
        self.preview.paintRequested.connect(self._paint)
        self.preview.open()

    def print_report(self) -> None:
        printer = full_page_printer()
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle("打印")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self._paint(printer)

    def _paint(self, printer) -> None:
        render(self._report(), printer)

    def export_pdf_dialog(self) -> None:
        report = self._report()
        folder = Path(self.window.settings.last_folder("export"))
        name, _ = QFileDialog.getSaveFileName(self.window, "导出 PDF", str(folder / f"{report.title or '年度报告'}.pdf"),
                                              "PDF 文件 (*.pdf)")
        if name:
            self.export_pdf_to(Path(name).with_suffix(".pdf"))

    def export_pdf_to(self, path: Path) -> None:
        try:
            export_pdf(self._report(), path)
        except AppError as exc:
            QMessageBox.warning(self.window, "导出 PDF 失败", str(exc))
            return
        self.window.settings.remember_folder("export", path)
        self.window.statusBar().showMessage(f"已导出 PDF：{path}", 8000)

    def copy_web_tables(self) -> None:
        copy_tables_to_clipboard(self._report())
        self.window.statusBar().showMessage("已复制三张统计表：可粘贴到网站编辑器、WPS/Word（网页表格）或 Excel（按单元格）", 8000)
