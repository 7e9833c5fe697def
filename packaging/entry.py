"""Entry point of the packaged application (PyInstaller): the same as ``nianbao`` from a checkout.

No arguments or one file opens the window; ``check``/``convert``/``new`` run the command line.
"""
from app.cli import main

raise SystemExit(main())
