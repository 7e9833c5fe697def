"""Entry point of the packaged application (PyInstaller): the same as ``nianbao`` from a checkout.

No arguments or one file opens the window; ``check``/``convert``/``new``/``audit`` run the command line.
``freeze_support`` first: app/parallel.py starts worker processes ("spawn"), which re-run this executable.
"""
import multiprocessing

multiprocessing.freeze_support()

from app.cli import main  # noqa: E402

raise SystemExit(main())
