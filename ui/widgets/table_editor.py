"""The editor of one statutory table: a spreadsheet-like view over a ``StatTableModel``.

Keys: typing replaces, F2 edits, Enter moves down, Tab moves right, Delete clears; Ctrl+C/Ctrl+V copy
and paste tab-separated blocks (to and from Excel/WPS); a paste is one undo step.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemDelegate, QAbstractItemView, QApplication, QHeaderView,
                               QLabel, QLineEdit, QMenu, QTableView, QToolTip)

from app.errors import ValueRejected
from app.report import parse_cell_text
from ui import look
from ui.delegates import delegate_for
from ui.table_model import StatTableModel
from ui.widgets.merged_header import MergedHeader

_Hint = QAbstractItemDelegate.EndEditHint
AUTO_TOTAL_HINT = "自动合计，按 Ctrl+M 改为手工填写"
ROW_PADDING = 4  # pixels of a row's height beyond one line of text
_Move = QAbstractItemView.CursorAction


class TableEditor(QTableView):
    """Spreadsheet-like editing of one table of the session's report.

    Signals:
        status_message(str): something to tell the clerk in the status bar (Chinese).
    """

    status_message = Signal(str)

    def __init__(self, session, table_id: str, parent=None) -> None:
        super().__init__(parent)
        self._corner = self._corner_label()
        self.session = session
        self.model_ = session.models[table_id]
        self.setModel(self.model_)
        self.setItemDelegate(delegate_for("count", self))  # the editor follows each cell's column kind
        self.setHorizontalHeader(MergedHeader(self))
        look.table(self, self._corner.parentWidget())
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.model_.modelReset.connect(self._layout)
        self.model_.value_rejected.connect(self.status_message)
        self._layout()

    @property
    def spec(self):
        return self.model_.spec

    def _layout(self) -> None:
        """Delegates per column kind, merged header bands and widths that fit the labels."""
        header: MergedHeader = self.horizontalHeader()
        header.set_spec(self.model_.spec)
        header.setVisible(not self.model_.blocks)  # blocks carry their own header rows
        self.clearSpans()
        if self.model_.blocks:
            self._fit_block_columns()
            self._span_block_rows()
        else:
            header.fit_sections()
        self._spread_columns()
        self._corner.setText(self.model_.spec.corner or "")
        vertical = self.verticalHeader()
        vertical.setMinimumSectionSize(ROW_PADDING)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + ROW_PADDING)  # as dense as a WPS sheet
        vertical.setMaximumWidth(460)
        vertical.setMinimumWidth(120 if self.model_.spec.one_row else 160)
        vertical.setVisible(not self.model_.spec.one_row)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._spread_columns()

    def _spread_columns(self) -> None:
        """Share the width the columns leave empty among them (each at most twice its fitted width)."""
        header: MergedHeader = self.horizontalHeader()
        widths = header.fitted_widths
        if not widths or len(widths) != header.count():
            return
        extra = max(0, self.viewport().width() - sum(widths)) // len(widths)
        for column, width in enumerate(widths):
            header.resizeSection(column, width + min(extra, width))
        header.fit_lines()
        self.updateGeometries()

    def _corner_label(self) -> QLabel:
        """The table's corner text (信息内容, 申请人情况) over the view's corner button."""
        button = self.findChild(QAbstractButton)
        label = QLabel(button)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        return label

    def updateGeometries(self) -> None:
        super().updateGeometries()
        button = self._corner.parentWidget()
        self._corner.setGeometry(0, 0, button.width(), button.height())

    def _span_block_rows(self) -> None:
        """As printed: a block's label spans the table; a block's last column takes the remaining width."""
        width = self.model_.columnCount()
        for model_row in range(self.model_.rowCount()):
            used = len(self.model_.display_row(model_row).columns)
            if used == 0:
                self.setSpan(model_row, 0, 1, width)
            elif used < width:
                self.setSpan(model_row, used - 1, 1, width - used + 1)

    def _fit_block_columns(self, maximum: int = 260) -> None:
        """Block layout: each column as wide as the longest label any block prints in it."""
        metrics, header = self.fontMetrics(), self.horizontalHeader()
        widths = [metrics.horizontalAdvance("中") * 4] * self.model_.columnCount()
        for block in self.model_.spec.blocks:
            for column, col_id in enumerate(block.columns):
                label = self.model_.spec.column(col_id).label
                widths[column] = min(maximum, max(widths[column], metrics.horizontalAdvance(label) + 24))
        header.fitted_widths = widths
        for column, width in enumerate(widths):
            header.resizeSection(column, width)

    # --- navigation ------------------------------------------------------------------------
    def select_cell(self, row: str, col: str) -> None:
        index = self.model_.index_of(row, col)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def moveCursor(self, action: _Move, modifiers) -> QModelIndex:
        """Tab and Shift+Tab go to the next cell the clerk can fill (auto totals and headings are skipped)."""
        if action not in (_Move.MoveNext, _Move.MovePrevious) or not self.currentIndex().isValid():
            return super().moveCursor(action, modifiers)
        rows, cols = self.model_.rowCount(), self.model_.columnCount()
        step = 1 if action == _Move.MoveNext else -1
        position = self.currentIndex().row() * cols + self.currentIndex().column()
        for _ in range(rows * cols):
            position = (position + step) % (rows * cols)
            index = self.model_.index(position // cols, position % cols)
            if self.model_.flags(index) & Qt.ItemFlag.ItemIsEditable:
                return index
        return self.currentIndex()

    def _step(self, action: _Move) -> None:
        target = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if target.isValid():
            self.setCurrentIndex(target)

    def closeEditor(self, editor, hint: _Hint) -> None:
        moves = {_Hint.SubmitModelCache: _Move.MoveDown, _Hint.EditNextItem: _Move.MoveNext,
                 _Hint.EditPreviousItem: _Move.MovePrevious}
        super().closeEditor(editor, _Hint.NoHint if hint in moves else hint)
        if hint in moves:
            self._step(moves[hint])

    def commit_typing(self) -> None:
        """Store what is being typed in the open cell editor (Ctrl+S, export or closing while typing), so the
        file holds what the clerk sees; unreadable text is kept and flagged, as when the cell is left."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, _Hint.NoHint)

    def _refuse_auto_total(self) -> bool:
        """Typing on an auto total: say how to type it by hand (nothing happened otherwise)."""
        cell = self.model_.cell_at(self.currentIndex())
        if cell is None or not self.model_.is_auto(*cell):
            return False
        self.status_message.emit(f"{self.model_.spec.cell_label(*cell)}：{AUTO_TOTAL_HINT}")
        where = self.viewport().mapToGlobal(self.visualRect(self.currentIndex()).bottomLeft())
        QToolTip.showText(where, AUTO_TOTAL_HINT, self)
        return True

    def keyPressEvent(self, event) -> None:
        if self.state() != QAbstractItemView.State.EditingState and event.text().isprintable() and event.text() \
                and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier and self._refuse_auto_total():
            return
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                return self.copy_selection()
            if event.matches(QKeySequence.StandardKey.Paste):
                return self.paste_clipboard()
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                return self.clear_selection()
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                return self._step(_Move.MoveDown)
        super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:
        """An input method's commit on a selected cell starts editing it with the committed text
        (Qt opens the editor but does not hand it the commit, so the first characters were lost)."""
        if self.state() != QAbstractItemView.State.EditingState and event.commitString() \
                and self._refuse_auto_total():
            return
        if self.state() != QAbstractItemView.State.EditingState and event.commitString() \
                and self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.AnyKeyPressed, event):
            editor = self.indexWidget(self.currentIndex()) or self.focusWidget()
            if isinstance(editor, QLineEdit):
                editor.clear()
                QApplication.sendEvent(editor, event)
            return
        super().inputMethodEvent(event)

    # --- block operations ------------------------------------------------------------------
    def _selected_cells(self) -> list[tuple[str, str]]:
        cells = [self.model_.cell_at(i) for i in self.selectedIndexes()]
        return [c for c in cells if c is not None]

    def _editable(self, row: str, col: str) -> bool:
        return not self.model_.is_auto(row, col)

    def clear_selection(self) -> None:
        values = {c: None for c in self._selected_cells() if self._editable(*c)}
        if values:
            self.model_.edit_cells(values, "清除单元格")

    def fill_zero(self) -> int:
        """Fill the blank editable cells of the selection with 0; returns how many."""
        report, table = self.model_.report, self.model_.spec.id
        values = {c: 0 for c in self._selected_cells()
                  if self._editable(*c) and report.get(table, *c) is None}
        if values:
            self.model_.edit_cells(values, "空白填 0")
        self.status_message.emit(f"已将 {len(values)} 个空白单元格填为 0")
        return len(values)

    def _selection_box(self) -> tuple[list[int], list[int]]:
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        rows = sorted({i.row() for i in indexes if not self.model_.is_heading(i.row())})
        cols = sorted({i.column() for i in indexes})
        if not rows or not cols:
            return [], []
        data_rows = [r for r in self.model_.data_rows() if rows[0] <= r <= rows[-1]]
        return data_rows, list(range(cols[0], cols[-1] + 1))

    def copy_selection(self) -> str:
        """Copy the selected block as tab-separated text (heading rows left out)."""
        rows, cols = self._selection_box()
        lines = ["\t".join(self.model_.index(r, c).data() or "" for c in cols) for r in rows]
        text = "\n".join(lines)
        if lines:
            QGuiApplication.clipboard().setText(text + "\n")
        return text

    def paste(self, text: str | None = None) -> int:
        """Paste tab-separated text at the selection (one undo step); returns the cells written."""
        text = QGuiApplication.clipboard().text() if text is None else text
        grid = [line.split("\t") for line in text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")]
        if not text.strip("\n") or not grid:
            return 0
        if len(grid) == 1 and len(grid[0]) == 1 and len(self.selectedIndexes()) > 1:
            targets = [(i, grid[0][0]) for i in self.selectedIndexes()]
        else:
            targets = self._block_targets(grid)
        values, rejected = self._parse_targets(targets)
        if values:
            self.model_.edit_cells(values, "粘贴")
        message = f"已粘贴 {len(values)} 个单元格"
        if rejected:
            message += f"；{len(rejected)} 个值无效未粘贴：{rejected[0]}"
        self.status_message.emit(message)
        return len(values)

    def paste_clipboard(self) -> None:
        self.paste()

    def _block_targets(self, grid: list[list[str]]) -> list[tuple[QModelIndex, str]]:
        start = self.currentIndex()
        if self.selectedIndexes():
            start = min(self.selectedIndexes(), key=lambda i: (i.row(), i.column()))
        if not start.isValid():
            return []
        rows = [r for r in self.model_.data_rows() if r >= start.row()]
        targets = []
        for line, row in zip(grid, rows):
            for offset, value in enumerate(line):
                column = start.column() + offset
                if column < self.model_.columnCount():
                    targets.append((self.model_.index(row, column), value))
        return targets

    def _parse_targets(self, targets) -> tuple[dict, list[str]]:
        values, rejected = {}, []
        for index, raw in targets:
            cell = self.model_.cell_at(index)
            if cell is None or not self._editable(*cell):
                continue
            try:
                values[cell] = parse_cell_text(self.model_.spec.column(cell[1]), raw)
            except ValueRejected as exc:
                rejected.append(f"{self.model_.spec.cell_label(*cell)}：{exc}")
        return values, rejected

    # --- totals ----------------------------------------------------------------------------
    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        cell = self.model_.cell_at(self.indexAt(pos))
        if cell is not None and self.model_.is_total(*cell):
            manual = not self.model_.is_auto(*cell)
            action = QAction("恢复自动计算" if manual else "改为手工填写（按公布数字）", menu)
            action.setData((cell, not manual))
            action.triggered.connect(self._toggle_manual)
            menu.addAction(action)
            menu.addSeparator()
        self._add_review_actions(menu, cell)
        for text, slot in (("复制", self.copy_selection), ("粘贴", self.paste_clipboard), ("清除", self.clear_selection),
                           ("选区空白填 0", self.fill_zero)):
            menu.addAction(text).triggered.connect(slot)
        menu.exec(self.viewport().mapToGlobal(pos))

    def _add_review_actions(self, menu: QMenu, cell: tuple[str, str] | None) -> None:
        """On a flagged cell: 「已核实，附说明…」 per open finding, 「撤销说明」 per explained one."""
        if cell is None:
            return
        ref = self.model_.ref(*cell)
        findings = [f for f in self.session.findings if f.cell == ref]
        for finding in findings:
            explained = finding in self.session.reviewed
            text = "撤销说明" if explained else "已核实，附说明…"
            if len(findings) > 1:
                text += f"（{finding.message.removeprefix(self.spec.cell_label(*cell) + '：')[:16]}）"
            action = QAction(text, menu)
            action.setData((finding, explained))
            action.triggered.connect(self._review_chosen)
            menu.addAction(action)
        if findings:
            menu.addSeparator()

    def _review_chosen(self) -> None:
        from ui.review_actions import explain_finding, unexplain_finding  # noqa: PLC0415

        finding, explained = self.sender().data()
        if explained:
            unexplain_finding(self.session, finding)
        else:
            explain_finding(self, self.session, finding)

    def _toggle_manual(self) -> None:
        (row, col), manual = self.sender().data()
        self.session.set_manual(self.model_.spec.id, row, col, manual)

    def toggle_manual_at_current(self) -> None:
        cell = self.model_.cell_at(self.currentIndex())
        if cell is not None and self.model_.is_total(*cell):
            self.session.set_manual(self.model_.spec.id, *cell, self.model_.is_auto(*cell))
