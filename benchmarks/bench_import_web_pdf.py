"""How fast published reports import: a 6-page report PDF (target < 1 s) and a saved report web page
(target < 50 ms), each the median of full imports (reader + recognizer), plus the first (cold) import
of a PDF in a fresh process, which loads PDFium.

The PDF is our .docx export of a sample converted by LibreOffice when `soffice` is installed (what a
clerk downloads), else the same report printed by the test fixture writer; the page is the test
fixture's published page (merged table cells) in a site's weight: 400 menu links, inline scripts and styles. Run:
    .venv/bin/python benchmarks/bench_import_web_pdf.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from timing import median_ms  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "samples" / "2020_huashan_town.json"
PDF_TARGET_MS, HTML_TARGET_MS = 1000.0, 50.0
_COLD = "import sys, time; t = time.perf_counter(); from app.formats import import_report; " \
        "import_report(sys.argv[1]); print((time.perf_counter() - t) * 1000)"


def _pdf(folder: Path) -> tuple[Path, str]:
    from app.formats import export_report
    from app.report_json import load_report_json
    from tests.core.pdf_fixtures import Print, report_pdf

    report = load_report_json(SAMPLE)
    if shutil.which("soffice"):
        export_report(report, folder / "report.docx")
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/lo",
                        "--convert-to", "pdf", "--outdir", str(folder), str(folder / "report.docx")],
                       check=True, capture_output=True, timeout=100)
        return folder / "report.pdf", "LibreOffice"
    path = folder / "report.pdf"
    path.write_bytes(report_pdf(report, Print(page_height=600)))
    return path, "fixture writer"


def _site_page(markup: str) -> str:
    """A government site's weight around the report: menus of links, inline scripts and styles."""
    menu = "".join(f'<li><a href="/col/{i}/index.html">栏目名称第{i}项</a></li>' for i in range(400))
    script = "<script>" + "var data = [" + ",".join(str(i) for i in range(12_000)) + "];</script>"
    style = "<style>" + ".c{margin:0;padding:0}" * 1500 + "</style>"
    return markup.replace("<body>", f"<body>{style}<div class=\"menu\"><ul>{menu}</ul></div>{script}", 1)


def _pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(path.read_bytes())
    try:
        return len(document)
    finally:
        document.close()


def main() -> dict[str, float]:
    from app.formats import import_report
    from app.report_json import load_report_json
    from tests.core.html_fixtures import Page, report_html

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf, made_by = _pdf(folder)
        page = folder / "report.html"
        page.write_text(_site_page(report_html(load_report_json(SAMPLE), Page())), encoding="utf-8")
        started = time.perf_counter()
        cold = subprocess.run([sys.executable, "-c", _COLD, str(pdf)], cwd=ROOT, capture_output=True, text=True,
                              check=True)
        figures = {
            "import.pdf_6_pages_ms": round(median_ms(lambda: import_report(pdf)), 1),
            "import.pdf_cold_process_ms": round(float(cold.stdout.strip().splitlines()[-1]), 1),
            "import.html_page_ms": round(median_ms(lambda: import_report(page), runs=21), 2),
        }
        pages, size = _pages(pdf), page.stat().st_size
    print(f"PDF ({pages} pages, made by {made_by}): median {figures['import.pdf_6_pages_ms']:.1f} ms "
          f"(target < {PDF_TARGET_MS:.0f} ms); first import in a fresh process {figures['import.pdf_cold_process_ms']:.1f} ms")
    print(f"saved web page ({size / 1024:.0f} KB): median {figures['import.html_page_ms']:.2f} ms "
          f"(target < {HTML_TARGET_MS:.0f} ms)   [{time.perf_counter() - started:.1f} s]")
    return figures


if __name__ == "__main__":
    main()
