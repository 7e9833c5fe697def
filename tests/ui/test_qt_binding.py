"""Guard against a Qt binding that leaks references to None (PySide6 6.12.0 on Python 3.11):
the application would abort with "Fatal Python error: none_dealloc" after a few thousand edits."""
import sys

import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12),
                    reason="None is immortal from Python 3.12 on: its count never drops, so the leak cannot crash")
def test_qt_calls_do_not_leak_none(qtbot):
    label = QLabel()
    qtbot.add_widget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("0")
    assert sys.getrefcount(None) >= before - 10
