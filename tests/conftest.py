import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_sessionfinish(session, exitstatus):
    """Delete every Qt widget and collect garbage while QApplication still exists: left to Python's
    shutdown, the order of destruction can crash the process after all tests passed."""
    import gc
    import sys

    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QEvent
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            for widget in QApplication.topLevelWidgets():
                widget.hide()
                widget.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QCoreApplication.processEvents()
    gc.collect()
    gc.collect()
