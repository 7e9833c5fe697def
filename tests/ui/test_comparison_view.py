"""与上年对比: the table shows every shared statistic with its change, jumps are highlighted, the
filter hides unchanged items, and the chart of the main figures paints."""
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from app.compare import compare, main_figures  # noqa: E402
from app.report import new_report  # noqa: E402
from app.report_json import load_report_json  # noqa: E402
from ui.widgets.comparison_view import JUMP_BRUSH, ComparisonView, FiguresChart, change_text  # noqa: E402

SAMPLES = Path(__file__).parent.parent / "data" / "samples"


@pytest.fixture
def reports():
    last = new_report("2021", "阁山镇人民政府", 2021)
    this = new_report("2021", "阁山镇人民政府", 2022)
    for col, (before, after) in {"natural": (3, 20), "commercial": (2, 3), "total": (5, 23)}.items():
        last.set_cell("requests", "new", col, before)
        this.set_cell("requests", "new", col, after)
    last.set_cell("requests", "granted", "total", 4)
    this.set_cell("requests", "granted", "total", 4)
    return last, this


@pytest.fixture
def view(qtbot, reports):
    widget = ComparisonView(*reports)
    qtbot.add_widget(widget)
    return widget


def _cell(view, number, column, role=Qt.ItemDataRole.DisplayRole):
    return view.model.index(number, column).data(role)


def _find(view, row_label, column_label):
    for number in range(view.model.rowCount()):
        if (_cell(view, number, 1), _cell(view, number, 2)) == (row_label, column_label):
            return number
    raise AssertionError(f"{row_label} · {column_label} not shown")


def _texts(view, number):
    return [_cell(view, number, col) for col in range(view.model.columnCount())]


def _background(view, number):
    brush = _cell(view, number, 0, Qt.ItemDataRole.BackgroundRole)
    return brush.color() if brush is not None else None


def test_every_shared_statistic_is_a_row_with_last_this_and_change(view, reports):
    assert view.model.rowCount() == len(compare(*reports))
    number = _find(view, "一、本年新收政府信息公开申请数量", "自然人")
    assert _texts(view, number) == ["三、收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量", "自然人",
                                    "3", "20", "+17"]
    assert _texts(view, _find(view, "（一）予以公开", "总计"))[3:] == ["4", "4", "0"]
    assert _texts(view, _find(view, "（一）予以公开", "自然人"))[3:] == ["", "", ""]


def test_large_jumps_are_highlighted_and_counted(view):
    jump = _find(view, "一、本年新收政府信息公开申请数量", "总计")
    small = _find(view, "一、本年新收政府信息公开申请数量", "商业企业")
    assert _background(view, jump) == JUMP_BRUSH.color()
    assert "变化较大" in _cell(view, jump, 5, Qt.ItemDataRole.ToolTipRole)
    assert _cell(view, jump, 5, Qt.ItemDataRole.FontRole).bold()
    assert _background(view, small) is None
    assert "其中 2 项变化较大" in view.heading.text()
    assert "2021年" in view.heading.text() and "2022年" in view.heading.text()


def test_only_changed_hides_unchanged_items(view):
    view.only_changed.setChecked(True)
    shown = [n for n in range(view.model.rowCount()) if not view.table.isRowHidden(n)]
    assert [_cell(view, n, 2) for n in shown] == ["自然人", "商业企业", "总计"]
    view.only_changed.setChecked(False)
    assert not any(view.table.isRowHidden(n) for n in range(view.model.rowCount()))


def test_chart_shows_the_main_figures(view, reports):
    figures = {f.key: (f.last, f.this) for f in view.chart.figures}
    assert figures == {f.key: (f.last, f.this) for f in main_figures(*reports)}
    assert figures["received"] == (5, 23) and figures["granted"] == (4, 4)
    assert view.chart.legend == ("2021年", "2022年")


def test_chart_paints_without_error(qtbot, view):
    view.layout().activate()
    image = view.chart.grab().toImage()
    assert not image.isNull() and image.width() >= 360
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert "#1e6bb8" in colours and "#9e9e9e" in colours  # both years' bars were drawn


def _bar_colours_below_legend(chart) -> set[str]:
    """Colours painted in the plot area (below the legend line), sampled every 2 px."""
    chart.resize(chart.sizeHint())
    image = chart.grab().toImage()
    top = 3 * chart.fontMetrics().height()
    return {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(top, image.height(), 2)}


def test_empty_and_blank_charts_paint_only_the_legend(qtbot):
    chart = FiguresChart()
    qtbot.add_widget(chart)
    bars = {"#1e6bb8", "#9e9e9e"}
    assert not _bar_colours_below_legend(chart) & bars
    blank = new_report("2021", "阁山镇人民政府", 2022)
    chart.set_figures(main_figures(blank, blank), ("上年", "本年"))
    assert not _bar_colours_below_legend(chart) & bars       # blank figures: no bar, no crash
    this = new_report("2021", "阁山镇人民政府", 2022)
    this.set_cell("requests", "new", "total", 7)
    chart.set_figures(main_figures(blank, this), ("上年", "本年"))
    assert "#1e6bb8" in _bar_colours_below_legend(chart)


def test_set_reports_refreshes_table_and_chart(view, reports):
    last, this = reports
    this.set_cell("appeals", "review", "total", 6)
    view.set_reports(last, this)
    assert _texts(view, _find(view, "行政复议", "总计"))[3:] == ["", "6", ""]
    assert dict((f.key, f.this) for f in view.chart.figures)["appeals"] == 6


def test_across_editions_only_shared_items_are_listed(qtbot):
    last = load_report_json(SAMPLES / "2020_geshan_town.json")
    this = new_report("2021", last.organ, 2021)
    widget = ComparisonView(last, this)
    qtbot.add_widget(widget)
    labels = {_cell(widget, n, 1) for n in range(widget.model.rowCount())}
    assert "政府集中采购" not in labels and "3.其他" not in labels
    assert "行政许可" in labels and "（七）总计" in labels


def test_model_passes_the_qt_model_tester(qtmodeltester, view, reports):
    qtmodeltester.check(view.model)
    last, this = reports
    this.set_cell("requests", "new", "natural", 21)
    view.set_reports(last, this)
    qtmodeltester.check(view.model)


def test_refresh_with_the_same_items_updates_values_without_a_reset(qtbot, view, reports):
    last, this = reports
    this.set_cell("requests", "new", "natural", 2)
    with qtbot.assert_not_emitted(view.model.modelReset), qtbot.wait_signal(view.model.dataChanged):
        view.set_reports(last, this)
    number = _find(view, "一、本年新收政府信息公开申请数量", "自然人")
    assert _texts(view, number)[3:] == ["3", "2", "−1"] and _background(view, number) is None


def test_change_text_signs():
    assert [change_text(v) for v in (3, -2, 0, None)] == ["+3", "−2", "0", ""]
