"""Time the JupyterLab browser tests: seconds per notebook and per step, and the whole pass.

Usage (from the repository root):

    python tools/bench_browser.py            # all of tests/browser/test_jupyterlab.py
    python tools/bench_browser.py -k 01-     # only what matches (extra arguments go to pytest)

It runs the tests with pytest, reads the JUnit XML report pytest writes (each test's time
and the per-step times the notebook tests record), and prints a table. The target is the
whole pass in under 5 minutes on a 2-core machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = "tests/browser/test_jupyterlab.py"
TARGET_SECONDS = 300
STEPS = ["open", "shipped maps", "run all", "checks"]


def run_tests(extra: list[str], report: Path) -> tuple[int, float]:
    """Run the browser tests; return pytest's exit code and the wall-clock seconds."""
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        TESTS,
        "-q",
        "-o",
        "junit_duration_report=total",
        "-o",
        "junit_family=legacy",
        f"--junitxml={report}",
        *extra,
    ]
    start = time.monotonic()
    code = subprocess.call(cmd, cwd=ROOT)
    return code, time.monotonic() - start


def read_report(report: Path) -> list[dict]:
    """One row per test: name, outcome, seconds, and step times when recorded."""
    rows = []
    for case in ET.parse(report).getroot().iter("testcase"):
        outcome = "passed"
        for tag in ("failure", "error", "skipped"):
            if case.find(tag) is not None:
                outcome = {"failure": "FAILED", "error": "ERROR", "skipped": "skipped"}[tag]
        steps = {}
        for prop in case.iter("property"):
            if prop.get("name") == "seconds":
                steps = json.loads(prop.get("value"))
        rows.append(
            {
                "name": case.get("name"),
                "outcome": outcome,
                "seconds": float(case.get("time", 0)),
                "steps": steps,
            }
        )
    return rows


def print_table(rows: list[dict], wall: float) -> None:
    width = max([len(r["name"]) for r in rows] + [4])
    header = f"{'test':<{width}}  {'total s':>7}  " + "  ".join(f"{s:>12}" for s in STEPS)
    print("\n" + header)
    print("-" * len(header))
    for row in rows:
        steps = "  ".join(
            f"{row['steps'][s]:>12.1f}" if s in row["steps"] else f"{'':>12}" for s in STEPS
        )
        flag = "" if row["outcome"] == "passed" else f"  {row['outcome']}"
        print(f"{row['name']:<{width}}  {row['seconds']:>7.1f}  {steps}{flag}")
    print("-" * len(header))
    verdict = "within" if wall <= TARGET_SECONDS else "OVER"
    print(
        f"whole pass (wall clock, servers and browser included): {wall:.0f} s, "
        f"{verdict} the {TARGET_SECONDS} s target"
    )


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.xml"
        code, wall = run_tests(argv, report)
        if not report.exists():
            print("pytest wrote no report; see its output above")
            return code or 1
        print_table(read_report(report), wall)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
