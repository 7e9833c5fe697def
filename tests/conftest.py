import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests draw the same examples on every run (`make test`, CI, mutation testing), so a verdict
# never depends on which random examples came up and a green suite stays green. To explore new random
# examples, run with NIANBAO_EXPLORE=1 (failures found that way become explicit tests).
if not os.environ.get("NIANBAO_EXPLORE"):
    from hypothesis import settings

    settings.register_profile("repeatable", derandomize=True, database=None)
    settings.load_profile("repeatable")


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


@pytest.fixture(autouse=True)
def _cold_text_caches():
    """Each test starts with empty narrative-check caches, so a result an earlier test cached cannot
    stand in for the code this test exercises (mutation testing relies on it: see scripts/mutate.py)."""
    from app.checks.text_rules import clear_text_caches

    clear_text_caches()


@pytest.fixture(autouse=True)
def _cold_label_caches():
    """Each test builds the label indexes it uses: a mutant of the label code must not hide behind an
    index the unmutated code built, and mutmut must see every test that reaches the code."""
    import sys

    if "app.recognize.labels" in sys.modules:
        sys.modules["app.recognize.labels"].clear_label_caches()
    for module, cached in (("app.recognize.lexer", "label_regex"), ("app.recognize.headings", "_pattern")):
        if module in sys.modules:                 # built from the label keys (norm, label_index)
            getattr(sys.modules[module], cached).cache_clear()
