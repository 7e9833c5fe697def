"""Mutation fuzzing of every registered reader.

Seeds are the sample files (and, once the exporters exist, .docx/.xlsx made from them).
Each case is a mutated file imported under a deadline and an address-space cap; it must end
in an imported (and checkable) report or in an AppError with a Chinese message. Anything else
— another exception, a hang, running out of memory — is a failure, returned with its details.
Used by tests/core/test_fuzz_readers.py (short, fixed seed) and benchmarks/fuzz_long.py.
"""
from __future__ import annotations

import faulthandler
import io
import json
import random
import re
import resource
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.checks import run_checks
from app.errors import AppError
from app.formats import export_report, import_report
from app.registry import export_suffixes, import_suffixes
from app.report_json import load_report_json

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
ZIP_FORMATS = (".docx", ".xlsx")
MEMORY_HEADROOM = 1536 * 1024 * 1024  # address space a single import may add


class CaseTimeout(BaseException):
    """Raised by the deadline alarm; a BaseException so readers' ``except Exception`` cannot swallow it."""


@dataclass
class Outcome:
    suffix: str
    mutation: str
    kind: str           # "report" | "error" | "failure"
    seconds: float
    detail: str = ""


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# ---------------------------------------------------------------- seeds

def seed_files(suffix: str, folder: Path) -> list[tuple[str, bytes]]:
    """Valid files of a format to start mutating from."""
    if suffix in (".json", ".txt"):
        return [(p.name, p.read_bytes()) for p in sorted(SAMPLES.glob(f"*{suffix}"))]
    if suffix not in export_suffixes():
        return []
    seeds = []
    for source in sorted(SAMPLES.glob("*.json")):
        target = folder / f"{source.stem}{suffix}"
        export_report(load_report_json(source), target)
        seeds.append((target.name, target.read_bytes()))
    return seeds


# ---------------------------------------------------------------- byte mutations

def flip_bytes(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    out = bytearray(data)
    count = rng.randint(1, 24)
    for _ in range(count):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return f"flip {count} bits", bytes(out)


def truncate(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    cut = rng.randrange(len(data))
    return f"truncate at {cut}", data[:cut]


def insert_junk(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    at, size = rng.randrange(len(data)), rng.randint(1, 512)
    return f"insert {size} random bytes at {at}", data[:at] + rng.randbytes(size) + data[at:]


def duplicate_chunk(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.randint(1, 4096))
    return f"duplicate bytes {start}:{end}", data[:end] + data[start:end] * rng.randint(1, 50) + data[end:]


def long_line(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    at, size = rng.randrange(len(data)), rng.choice([10_000, 1_000_000, 3_000_000])
    unit = rng.choice(["数".encode(), b"9", b"x", "，".encode(), b"\t"])
    return f"line of {size} x {unit!r} at {at}", data[:at] + unit * (size // len(unit)) + data[at:]


def huge_number(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    numbers = list(re.finditer(rb"\d+", data))
    if not numbers:
        return "no number to enlarge", data
    match = rng.choice(numbers)
    huge = rng.choice([b"9" * 5000, b"9" * 20, b"1e309", b"-" + b"9" * 400, b"99999999999.999999999999"])
    return f"number at {match.start()} -> {huge[:12]!r}({len(huge)})", data[:match.start()] + huge + data[match.end():]


_ENCODINGS = ["gb18030", "gbk", "utf-16", "utf-16-le", "utf-32", "big5", "latin-1", "utf-8-sig", "shift_jis"]


def odd_encoding(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    text = data.decode("utf-8", errors="replace")
    encoding = rng.choice(_ENCODINGS)
    out = text.encode(encoding, errors="replace")
    if rng.random() < 0.3:  # half re-encoded: two encodings in one file
        half = len(data) // 2
        out = data[:half] + text[len(text) // 2:].encode(encoding, errors="replace")
        encoding += " (second half)"
    return f"re-encoded as {encoding}", out


def crlf_and_nul(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    choice = rng.choice([b"\r\n", b"\r", b"\x00", b"\x0c", "\u2028".encode()])
    return f"newlines -> {choice!r}", data.replace(b"\n", choice)


BYTE_MUTATIONS = [flip_bytes, truncate, insert_junk, duplicate_chunk, long_line, huge_number, odd_encoding,
                  crlf_and_nul]


def shuffle_lines(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    """Structure-aware: lines deleted, repeated, swapped, joined, or their tabs turned into spaces."""
    lines = data.split(b"\n")
    how = rng.choice(["delete", "repeat", "swap", "join", "tabs", "reverse-block"])
    a, b = sorted(rng.sample(range(len(lines)), 2))
    if how == "delete":
        del lines[a:b]
    elif how == "repeat":
        lines[a:a] = lines[a:b] * rng.randint(1, 5)
    elif how == "swap":
        lines[a], lines[b] = lines[b], lines[a]
    elif how == "join":
        lines[a:b] = [b"".join(lines[a:b])]
    elif how == "tabs":
        lines = [line.replace(b"\t", b" " * rng.randint(1, 4)) for line in lines]
    else:
        lines[a:b] = lines[a:b][::-1]
    return f"{how} lines {a}:{b}", b"\n".join(lines)


# ---------------------------------------------------------------- JSON mutations

def json_deep_nesting(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    depth = rng.choice([1_000, 100_000, 1_000_000])
    doc = json.loads(data)
    doc[rng.choice(["tables", "sections", "organ", "year"])] = "@"
    text = json.dumps(doc, ensure_ascii=False).replace('"@"', "[" * depth + "]" * depth)
    return f"nesting depth {depth}", text.encode()


def json_wrong_types(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    doc = json.loads(data)
    table = rng.choice(list(doc["tables"]))
    row = rng.choice(list(doc["tables"][table]))
    col = rng.choice(list(doc["tables"][table][row]))
    value = rng.choice([10 ** 400, -5, 1.5, "12", True, [], {}, "NaN", 1e308, "9" * 5000, "-0.0", ""])
    doc["tables"][table][row][col] = value
    where = f"{table}.{row}.{col}"
    if rng.random() < 0.3:
        key = rng.choice(["format", "edition", "year", "organ", "sections", "tables"])
        doc[key] = rng.choice([None, 0, "x", [], {}, 10 ** 30, "2019"])
        where += f" and {key}"
    return f"wrong type {value!r:.20} at {where}", json.dumps(doc, ensure_ascii=False).encode()


JSON_MUTATIONS = [json_deep_nesting, json_wrong_types]


# ---------------------------------------------------------------- zip (docx/xlsx) mutations

def _entries(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _rezip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries:
            archive.writestr(name, body)
    return buffer.getvalue()


def zip_remove_entry(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    entries = _entries(data)
    victim = rng.randrange(len(entries))
    kept = [(i.filename, b) for n, (i, b) in enumerate(entries) if n != victim]
    return f"remove entry {entries[victim][0].filename}", _rezip(kept)


def zip_swap_entries(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    entries = [(i.filename, b) for i, b in _entries(data)]
    a, b = rng.sample(range(len(entries)), 2)
    names = [n for n, _ in entries]
    names[a], names[b] = names[b], names[a]
    return f"swap {entries[a][0]} and {entries[b][0]}", _rezip([(n, body) for n, (_, body) in zip(names, entries)])


def _xml_entries(entries) -> list[int]:
    return [n for n, (info, _) in enumerate(entries) if info.filename.endswith((".xml", ".rels"))]


def zip_malformed_xml(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    entries = [(i.filename, b) for i, b in _entries(data)]
    target = rng.choice(_xml_entries(_entries(data)))
    name, body = entries[target]
    how = rng.choice(["truncate", "unclose", "junk", "deep", "bad-encoding", "huge-text", "empty"])
    if how == "truncate":
        body = body[: rng.randrange(max(1, len(body)))]
    elif how == "unclose":
        body = re.sub(rb"</[^>]+>", b"", body, count=rng.randint(1, 20))
    elif how == "junk":
        at = rng.randrange(max(1, len(body)))
        body = body[:at] + b"<\x00&bad;]]>" + body[at:]
    elif how == "deep":
        body = re.sub(rb"(<[a-zA-Z:]+[^>/]*>)", lambda m: m.group(1) + b"<a>" * 5000 + b"</a>" * 5000, body, count=1)
    elif how == "bad-encoding":
        body = body.replace(b'encoding="UTF-8"', b'encoding="UTF-7"').decode("utf-8", "replace").encode("utf-16")
    elif how == "huge-text":
        body = re.sub(rb">([^<]{1,40})<", lambda m: b">" + m.group(1) * 20000 + b"<", body, count=3)
    else:
        body = b""
    entries[target] = (name, body)
    return f"{how} XML in {name}", _rezip(entries)


def zip_corrupt_directory(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    at = data.rfind(b"PK\x05\x06")
    if at < 0:
        return "no end of central directory", data
    out = bytearray(data)
    offset = at + rng.choice([10, 12, 16])   # entry count, directory size or offset
    out[offset:offset + 2] = rng.randbytes(2)
    return f"corrupt central directory at {offset}", bytes(out)


ZIP_MUTATIONS = [zip_remove_entry, zip_swap_entries, zip_malformed_xml, zip_malformed_xml, zip_corrupt_directory]


def mutations_for(suffix: str) -> list:
    if suffix == ".json":
        return BYTE_MUTATIONS + JSON_MUTATIONS * 2
    if suffix in ZIP_FORMATS:
        return [flip_bytes, truncate, insert_junk] + ZIP_MUTATIONS * 2
    return BYTE_MUTATIONS + [shuffle_lines] * 4


# ---------------------------------------------------------------- running one case

def _raise_timeout(signum, frame):
    raise CaseTimeout()


def _address_space() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * resource.getpagesize()


def run_case(path: Path, suffix: str, mutation: str, deadline: float) -> Outcome:
    """Import ``path`` (and check the report) under a deadline and an address-space cap.

    The deadline alarm interrupts Python code only; code stuck inside a C extension is caught by
    the watchdog of :func:`fuzz_format` (``watchdog=True``), which dumps the stack and exits.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _address_space() + MEMORY_HEADROOM
    resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    signal.setitimer(signal.ITIMER_REAL, deadline)
    start = time.perf_counter()
    try:
        report = import_report(path).report
        run_checks(report)
        kind, detail = "report", ""
    except AppError as exc:
        kind, detail = ("error", str(exc)) if has_cjk(str(exc)) else ("failure", f"AppError without Chinese: {exc!r}")
    except CaseTimeout:
        kind, detail = "failure", f"no result within {deadline} s"
    except MemoryError:
        kind, detail = "failure", "ran out of memory (more than 1.5 GB)"
    except Exception:  # noqa: BLE001 — the point of fuzzing: report any other exception
        kind, detail = "failure", traceback.format_exc(limit=-6)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    return Outcome(suffix, mutation, kind, time.perf_counter() - start, detail)


def fuzz_format(suffix: str, cases: int, seed: int, deadline: float, watchdog: bool = False) -> list[Outcome]:
    """``cases`` mutated files of one format, reproducible from ``seed``.

    With ``watchdog``, a case that outlives its deadline threefold (stuck in C code, where the
    alarm cannot reach) makes the process print the case and every thread's stack, and exit.
    """
    rng = random.Random(f"{seed}{suffix}")
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="fuzz ") as tmp:
        folder = Path(tmp)
        seeds = seed_files(suffix, folder)
        mutations = mutations_for(suffix)
        for number in range(cases):
            name, data = rng.choice(seeds)
            mutate = rng.choice(mutations)
            description, mutated = mutate(rng, data)
            if rng.random() < 0.25:   # a second, stacked mutation
                mutate = rng.choice(BYTE_MUTATIONS[:4])
                more, mutated = mutate(rng, mutated or b" ")
                description += f"; {more}"
            path = folder / f"样本 {number}{suffix}"
            path.write_bytes(mutated)
            if watchdog:
                print(f"\r{suffix} case {number}: {name}: {description[:80]}", end="", file=sys.stderr, flush=True)
                faulthandler.dump_traceback_later(deadline * 3, exit=True)
            outcomes.append(run_case(path, suffix, f"{name}: {description}", deadline))
            if watchdog:
                faulthandler.cancel_dump_traceback_later()
            path.unlink()
    return outcomes


def fuzzable_formats() -> list[str]:
    return [s for s in import_suffixes() if s in (".json", ".txt") or s in export_suffixes()]
