"""Qt's own dialogs and buttons are in Chinese (qtbase_zh_CN), also with a PySide6 that ships none."""
import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox

from app.paths import RESOURCES
from ui import application


@pytest.fixture
def chinese(qapp):
    before = set(qapp.findChildren(QTranslator))
    application._install_translations(qapp)
    yield
    for translator in set(qapp.findChildren(QTranslator)) - before:
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()


def test_the_file_dialog_reads_chinese(qtbot, chinese):
    dialog = QFileDialog(None, "导出报告")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.add_widget(dialog)
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"查找范围(&L)：", "文件类型(&T)：", "文件名称(&N)："} <= texts
    assert not [text for text in texts if text.isascii()]  # no English label left
    buttons = [b.text() for b in dialog.findChild(QDialogButtonBox).buttons()]
    assert "保存(&S)" in buttons or "保存" in buttons


def test_standard_buttons_read_chinese(qtbot, chinese):
    box = QMessageBox(QMessageBox.Icon.Question, "恢复", "是否恢复？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.add_widget(box)
    box.show()
    texts = {box.button(b).text() for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)}
    assert texts == {"是(&Y)", "否(&N)"}


def test_the_shipped_copy_loads_without_pyside6s_own(monkeypatch, tmp_path):
    translator = QTranslator()
    assert translator.load("qtbase_zh_CN", str(RESOURCES / "translations"))
    assert translator.translate("QFileDialog", "Look in:") == "查找范围："
    assert QApplication.instance() is not None
