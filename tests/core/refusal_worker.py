"""``python -m tests.core.refusal_worker FILE``: import FILE and check it, in a fresh process, and print
one JSON line: kind (report, error, failure, timeout), detail, seconds and the memory it took (MB, peak
resident size above the baseline with every reader loaded). Used by tests/core/test_tiny_hostile_files.py."""
from __future__ import annotations

import json
import resource
import signal
import sys
import time
import traceback
from pathlib import Path

ALARM_SECONDS = 20
ADDRESS_SPACE = 3 * 1024 ** 3     # a run-away reader fails here instead of taking the machine


class _Timeout(BaseException):
    pass


def _alarm(*_args):
    raise _Timeout()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(path: Path) -> dict:
    from app.checks import run_checks
    from app.errors import AppError
    from app.formats import import_report
    import app.read.docx, app.read.json_file, app.read.txt, app.read.xlsx  # noqa: E401,F401 - in the baseline

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, resource.getrlimit(resource.RLIMIT_AS)[1]))
    base, start = _peak_mb(), time.perf_counter()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(ALARM_SECONDS)
    try:
        imported = import_report(path)
        run_checks(imported.report)
        kind, detail = "report", " ".join(n.message for n in imported.notes)
    except AppError as exc:
        kind, detail = "error", str(exc)
    except _Timeout:
        kind, detail = "timeout", f"no result within {ALARM_SECONDS} s"
    except BaseException:  # noqa: BLE001 - any other exception is what the tests look for
        kind, detail = "failure", traceback.format_exc(limit=-4)
    finally:
        signal.alarm(0)
    return {"kind": kind, "detail": detail, "seconds": time.perf_counter() - start, "mb": _peak_mb() - base}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1])), ensure_ascii=False))
