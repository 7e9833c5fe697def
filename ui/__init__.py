"""The Qt desktop application (PySide6). Imports app; app never imports ui."""
