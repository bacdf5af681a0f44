"""How long grading takes: 30 submissions of one notebook against 30 times one run.

``python3 tools/bench_grade.py [--notebook 01] [--count 30]`` makes COUNT answered copies of a
notebook (every answer cell filled with its worked solution) in a temporary folder, times one
of them graded alone, then all COUNT together, and prints both and their ratio (the budget:
under 1, i.e. the batch beats COUNT separate runs).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

import grade  # noqa: E402

from notebook_meta import (  # noqa: E402
    CHECK_CALL,
    cell_source,
    is_answer_cell,
    read_solutions,
    sequence_notebooks,
)


def answered(number: str) -> dict:
    """Notebook ``number`` with every answer cell's ``answer_NN_K = ...`` replaced by the
    exercise's worked solution (what a student who got everything right would submit)."""
    path = next(p for p in sequence_notebooks(ROOT / "notebooks") if p.name.startswith(number))
    nb = json.loads(path.read_text(encoding="utf-8"))
    solutions = read_solutions(ROOT)
    for cell in nb["cells"]:
        if is_answer_cell(cell):
            for eid in CHECK_CALL.findall(cell_source(cell)):
                placeholder = f"answer_{eid.replace('.', '_')} = ...\n"
                cell["source"] = cell_source(cell).replace(placeholder, solutions[eid]["code"])
    return nb


def timed_batch(nb: dict, count: int, workers: int) -> float:
    """Seconds to grade ``count`` copies of ``nb`` (checking that every answer is correct)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "submissions"
        for i in range(count):
            target = folder / f"student-{i:02d}" / "submission.ipynb"
            target.parent.mkdir(parents=True)
            target.write_text(json.dumps(nb), encoding="utf-8")
        started = time.monotonic()
        subs = grade.grade(folder, Path(tmp) / "grades", workers=workers)
        seconds = time.monotonic() - started
    wrong = [r for s in subs for r in s.rows if r["exercise"] != "total" and not r["points"]]
    if wrong:
        raise SystemExit(f"bench_grade: a worked solution was not graded correct: {wrong[0]}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", default="01")
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    nb = answered(args.notebook)
    one = timed_batch(nb, 1, 1)
    batch = timed_batch(nb, args.count, args.workers)
    ratio = batch / (args.count * one)
    print(
        f"grading notebook {args.notebook}: one submission {one:.1f} s; {args.count} submissions "
        f"{batch:.1f} s ({args.workers} workers) against {args.count} x one = "
        f"{args.count * one:.1f} s; ratio {ratio:.2f} (budget < 1) {'ok' if ratio < 1 else 'OVER'}"
    )
    return 0 if ratio < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
