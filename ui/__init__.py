"""The Qt desktop application (PySide6). Imports app; app never imports ui.

Kept empty on purpose: ``run_app`` shows the window frame before the core is imported (see ui.main_window).
(It used to import the core before PySide6; with compiled bytecode that no longer made building a
``MainWindow`` directly any faster — measured 500 vs 560 ms start-to-shown — so it was dropped.)
"""
