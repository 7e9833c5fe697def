"""PyInstaller run-time hook replacing the stock PySide6 one (see nianbao.spec).

The stock hook imports PySide6.QtCore when the program starts, to register a qt.conf that points Qt at the
bundled plug-ins and translations: about 150 ms that every `nianbao check` paid although the command line
never uses Qt. This hook sets the same environment at once and registers the qt.conf when the program
first imports PySide6.QtCore (the GUI does so before it creates the QApplication).
"""


def _pyi_rthook():
    import os
    import sys

    from _pyi_rth_utils import prepend_path_to_environment_variable
    from _pyi_rth_utils import qt as qt_rth_utils

    qt_rth_utils.ensure_single_qt_bindings_package("PySide6")
    windows = sys.platform.startswith("win")
    qt_path = os.path.join(sys._MEIPASS, "PySide6") if windows else os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_path, "plugins")
    if windows:
        prepend_path_to_environment_variable(sys._MEIPASS, "PATH")

    class QtConfOnImport:  # a meta path finder; importlib.abc would cost ~30 ms of start-up
        def find_spec(self, name, path=None, target=None):
            if name != "PySide6.QtCore":
                return None
            sys.meta_path.remove(self)
            spec = next((found for finder in sys.meta_path
                         if (found := finder.find_spec(name, path, target)) is not None), None)
            if spec is not None and spec.loader is not None:
                load = spec.loader.exec_module

                def exec_module(module):
                    load(module)
                    sys.modules[name] = module
                    qt_rth_utils.create_embedded_qt_conf("PySide6", qt_path)

                spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, QtConfOnImport())


_pyi_rthook()
del _pyi_rthook
