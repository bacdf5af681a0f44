"""Grade a folder of submitted notebooks: ``python3 tools/grade.py SUBMISSIONS [--out build/grades]``.

Every ``*.ipynb`` under SUBMISSIONS (any names, nested folders, as a hub's exchange or an LMS
download gives them) is read once, recognised as one of the collection's notebooks by its cell
ids, re-run in its own sandboxed kernel (``tools/grade_run.py``; stored outputs are never
trusted) and each exercise's answer is judged here, in the grader, by the exercise engine with
this repository's ``utils`` and ``data/``. Written:

- ``OUT/grades.csv``: one row per submission and exercise (submission, notebook, exercise,
  status, points, message) and one ``total`` row per submission;
- ``OUT/feedback/<submission>.html``: one plain page per submission (escaped, no scripts).

A submission that cannot be graded (not JSON, an old format, a kernel that died...) gets rows
with the reason, and the batch goes on. See docs/grading.md.
"""

from __future__ import annotations

import argparse
import copy
import csv
import dataclasses
import html
import json
import multiprocessing
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from grade_run import Limits, run_submission, sandbox_level  # noqa: E402
from grade_values import Unreadable, decode  # noqa: E402

from notebook_meta import CHECK_CALL, cell_source, is_answer_cell, sequence_notebooks  # noqa: E402

COLUMNS = ["submission", "notebook", "exercise", "status", "points", "message"]
ASSIGNED = re.compile(r"^\s*([A-Za-z_]\w*)\s*=(?!=)", re.MULTILINE)
STORED_STATUS = re.compile(r'data-kzw-status=\\?"([\w-]+)')
NOTEBOOK_OF_CHECK = re.compile(r"""check\(\s*\\?["'](\d\d)\.\d+""")


# --------------------------------------------------------------------------- the teacher's side


@dataclass
class Reference:
    """What the grader knows of one notebook of the collection, from this repository."""

    number: str
    code_ids: list[str]  # ids of the code cells, in order
    answer_ids: dict[str, str]  # exercise id -> id of its answer cell


class Teacher:
    """The teacher's notebooks and exercises; each reference answer and the country index are
    computed once for the whole batch."""

    def __init__(self) -> None:
        from utils import COURSE, countries
        from utils.exercises import exercises, use_course

        use_course(COURSE)
        self.notebooks: dict[str, Reference] = {}
        for path in sequence_notebooks(ROOT / "notebooks"):
            nb = json.loads(path.read_text(encoding="utf-8"))
            code = [c for c in nb["cells"] if c["cell_type"] == "code"]
            answers = {
                eid: c["id"]
                for c in code
                if is_answer_cell(c)
                for eid in CHECK_CALL.findall(cell_source(c))
            }
            self.notebooks[path.name[:2]] = Reference(
                path.name[:2], [c["id"] for c in code], answers
            )
        self.exercises = {nb: [_once(e) for e in exercises(nb)] for nb in self.notebooks}
        self.index = countries.country_index()

    def recognise(self, nb: dict, text: str) -> str | None:
        """Which notebook a submission is: the one sharing most cell ids, else the one its
        check() calls name."""
        ids = {c.get("id") for c in nb.get("cells", []) if isinstance(c, dict)} if nb else set()
        votes = {n: len(ids & set(r.code_ids)) for n, r in self.notebooks.items()}
        best = max(votes, key=votes.get, default=None)
        if best is not None and votes[best]:
            return best
        named = NOTEBOOK_OF_CHECK.findall(text)
        return max(set(named), key=named.count) if named else None


def _once(exercise):
    """The exercise with its reference computed now, once (a copy is handed to each check)."""
    try:
        value = exercise.reference()
    except Exception:  # judge() reports the data problem on each answer
        return exercise
    return dataclasses.replace(exercise, reference=lambda: copy.deepcopy(value))


# --------------------------------------------------------------------------- one submission


@dataclass
class Submission:
    """One submitted file, read once: its notebook, code cells and what is wrong with it."""

    path: Path
    name: str  # path relative to the submissions folder
    notebook: str | None = None
    problem: str = ""  # why it cannot be run at all
    cells: list[dict] = field(default_factory=list)  # the code cells as submitted
    notes: list[str] = field(default_factory=list)
    result: dict | None = None
    rows: list[dict] = field(default_factory=list)


def read_submission(path: Path, folder: Path, teacher: Teacher) -> Submission:
    """Read a file and say whether it can be run (the file is never written)."""
    sub = Submission(path, path.relative_to(folder).as_posix())
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as err:
        sub.problem = f"The file cannot be read ({err.strerror})."
        return sub
    try:
        nb = json.loads(text)
    except ValueError as err:
        sub.notebook = teacher.recognise({}, text)
        sub.problem = f"Not a notebook: the file is not valid JSON ({err.msg}, line {err.lineno})."
        return sub
    if not isinstance(nb, dict) or not isinstance(nb.get("cells", nb.get("worksheets")), list):
        sub.problem = "Not a notebook: the JSON has no cells."
        return sub
    sub.notebook = teacher.recognise(nb, text)
    if nb.get("nbformat") != 4:
        sub.problem = (
            f"An old notebook format (nbformat {nb.get('nbformat')}); the collection's notebooks "
            "are nbformat 4: open the file in JupyterLab, save it and submit it again."
        )
        return sub
    if sub.notebook is None:
        sub.problem = "Not one of the collection's notebooks: no cell or check() call matches."
        return sub
    sub.cells = [c for c in nb["cells"] if isinstance(c, dict) and c.get("cell_type") == "code"]
    sub.notes += structure_notes(sub, teacher.notebooks[sub.notebook])
    return sub


def structure_notes(sub: Submission, ref: Reference) -> list[str]:
    """Deleted and reordered cells, compared with the teacher's notebook."""
    ids = [c.get("id") for c in sub.cells]
    notes = []
    missing = [i for i in ref.code_ids if i not in ids]
    if missing:
        shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
        notes.append(f"{len(missing)} of the notebook's code cells were deleted ({shown}).")
    order = [ref.code_ids.index(i) for i in ids if i in ref.code_ids]
    for before, after in zip(order, order[1:]):
        if after < before:
            notes.append(
                f"Cells were reordered ({ref.code_ids[after]} comes after "
                f"{ref.code_ids[before]}); they were run in the submitted order."
            )
            break
    return notes


def answer_cell(sub: Submission, ref: Reference, exercise_id: str) -> int | None:
    """The index of the code cell holding an exercise's answer: the teacher's cell by id,
    else the first cell that checks it."""
    ids = [c.get("id") for c in sub.cells]
    if ref.answer_ids.get(exercise_id) in ids:
        return ids.index(ref.answer_ids[exercise_id])
    for index, cell in enumerate(sub.cells):
        if exercise_id in CHECK_CALL.findall(cell_source(cell)):
            return index
    return None


def judge_submission(sub: Submission, teacher: Teacher) -> None:
    """Fill ``sub.rows``: one per exercise, then the total."""
    from utils.exercises.judging import judge

    exercises = teacher.exercises.get(sub.notebook, []) if sub.notebook else []
    result = sub.result or {}
    notes = sub.notes + result.get("notes", [])
    sub.notes = notes
    for exercise in exercises:
        if sub.problem or not result.get("read"):
            reason = sub.problem or (notes[-1] if notes else "The answers could not be read.")
            sub.rows.append(_row(sub, exercise.id, "not-graded", 0, f"Not graded: {reason}"))
            continue
        index = answer_cell(sub, teacher.notebooks[sub.notebook], exercise.id)
        encoded = result["answers"].get(exercise.variable)
        if encoded is None:
            status, message = "missing", why_missing(sub, exercise.variable, exercise.id, index)
        else:
            value = decode(encoded)
            if isinstance(value, Unreadable):
                status, message = (
                    "unreadable",
                    (
                        f"{exercise.variable} holds a {value.type_name} ({value.text}), which is "
                        "not an answer: give a plain value (a number, text in quotes, a list)."
                    ),
                )
            else:
                checked = _judge(judge, exercise, value, teacher)
                status, message = checked.status, checked.message
        if index is not None and status != "correct":
            stored = STORED_STATUS.findall(json.dumps(sub.cells[index].get("outputs", [])))
            if "correct" in stored:
                message += " (The stored output said correct; the answer as re-run is not.)"
        sub.rows.append(_row(sub, exercise.id, status, int(status == "correct"), message))
    sub.rows.append(total_row(sub, len(exercises)))


def _judge(judge, exercise, value, teacher: Teacher):
    """The engine's verdict, with its country index, and no traceback ever."""
    from utils.exercises import CheckResult

    try:
        return judge(exercise, value, teacher.index if exercise.names_countries else None)
    except Exception as err:
        return CheckResult(
            exercise.id, "unreadable", f"Could not read the answer ({type(err).__name__})."
        )


def why_missing(sub: Submission, variable: str, exercise_id: str, index: int | None) -> str:
    """Why an answer variable is not defined after the run, in one line."""
    if index is None:
        return f"The answer cell of {exercise_id} was deleted: no cell assigns {variable}."
    cell = sub.result["cells"][index]
    if cell["timed_out"]:
        return (
            f"{variable} is not defined: its cell was stopped at the time limit (an endless loop?)."
        )
    if not cell["run"]:
        return f"{variable} is not defined: its cell was not run (the notebook ran out of time)."
    if cell["error"]:
        return f"{variable} is not defined: its cell raised {cell['error']}."
    assigned = [n for n in ASSIGNED.findall(cell_source(sub.cells[index])) if n != variable]
    if assigned:
        return (
            f"{variable} is not defined: the answer cell assigns {', '.join(assigned)} instead; "
            f"keep the name {variable}."
        )
    return f"{variable} is not defined after running the notebook."


def _row(sub: Submission, exercise: str, status: str, points: float, message: str) -> dict:
    return {
        "submission": sub.name,
        "notebook": sub.notebook or "?",
        "exercise": exercise,
        "status": status,
        "points": points,
        "message": " ".join(message.split()),
    }


def total_row(sub: Submission, count: int) -> dict:
    """The submission's row: points out of the exercises, and its first problem."""
    if sub.problem:
        return _row(sub, "total", "not-graded", 0, sub.problem)
    if not (sub.result or {}).get("read"):
        return _row(sub, "total", "not-graded", 0, sub.notes[-1] if sub.notes else "Not run.")
    points = sum(r["points"] for r in sub.rows)
    message = f"{points} of {count} correct."
    if sub.notes:
        more = (
            f" (and {len(sub.notes) - 1} more, see the feedback page)" if len(sub.notes) > 1 else ""
        )
        message += f" {sub.notes[0]}{more}"
    return _row(sub, "total", "graded", points, message)


# --------------------------------------------------------------------------- reports


def write_csv(subs: list[Submission], out: Path) -> Path:
    target = out / "grades.csv"
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for sub in subs:
            writer.writerows(sub.rows)
    return target


def feedback_name(sub: Submission) -> str:
    return re.sub(r"[^\w.-]+", "_", sub.name.replace("/", "__")) + ".html"


def feedback_page(sub: Submission, teacher: Teacher) -> str:
    """A plain HTML page of one submission's feedback: every text escaped, no scripts."""
    e = html.escape
    questions = {x.id: x.question for x in teacher.exercises.get(sub.notebook or "", [])}
    rows = "".join(
        f"<tr class='{e(r['status'])}'><td>{e(r['exercise'])}</td>"
        f"<td>{e(questions.get(r['exercise'], ''))}</td><td>{e(r['status'])}</td>"
        f"<td>{r['points']}</td><td>{e(r['message'])}</td></tr>"
        for r in sub.rows
    )
    notes = "".join(f"<li>{e(n)}</li>" for n in ([sub.problem] if sub.problem else []) + sub.notes)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>Feedback: {e(sub.name)}</title><style>"
        "body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;text-align:left;"
        "vertical-align:top}.correct td:nth-child(3){font-weight:bold}</style></head><body>"
        f"<h1>Feedback on {e(sub.name)}</h1><p>Notebook {e(sub.notebook or '?')}, re-run by the "
        "grader with the teacher's copy of the data; stored outputs were not used.</p>"
        + (f"<h2>Problems found</h2><ul>{notes}</ul>" if notes else "")
        + "<h2>Exercises</h2><table><thead><tr><th>exercise</th><th>question</th><th>status</th>"
        f"<th>points</th><th>message</th></tr></thead><tbody>{rows}</tbody></table></body></html>\n"
    )


# --------------------------------------------------------------------------- the batch


def find_submissions(folder: Path) -> list[Path]:
    """Every notebook under a folder, in name order, leaving out Jupyter's checkpoints."""
    return sorted(
        p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts and p.is_file()
    )


def grade(
    folder: Path, out: Path, limits: Limits = Limits(), workers: int = 2, level: str | None = None
) -> list[Submission]:
    """Grade every submission under ``folder``; write grades.csv and the feedback pages.
    ``level`` is the isolation to use (found with sandbox_level() when None)."""
    folder, out = folder.resolve(), out.resolve()
    seed = tempfile.mkdtemp(prefix="kzw-grade-cache-")
    os.environ["KZW_CACHE_DIR"] = seed  # the data check's verdict, copied to every kernel
    os.environ["KZW_GRADE_SEED_CACHE"] = seed
    teacher = Teacher()
    subs = [read_submission(p, folder, teacher) for p in find_submissions(folder)]
    level = level or sandbox_level()
    runnable = [s for s in subs if not s.problem]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=context) as pool:
        futures = {}
        for sub in runnable:
            names = [x.variable for x in teacher.exercises[sub.notebook]]
            cells = [cell_source(c) for c in sub.cells]
            futures[id(sub)] = pool.submit(run_submission, cells, names, limits, level)
        for sub in runnable:
            try:
                sub.result = futures[id(sub)].result()
            except Exception as err:  # a worker that died
                sub.result = {"read": False, "notes": [f"The grader's worker failed: {err}"]}
    for sub in subs:
        judge_submission(sub, teacher)
    feedback = out / "feedback"
    feedback.mkdir(parents=True, exist_ok=True)
    for old in feedback.glob("*.html"):
        old.unlink()
    for sub in subs:
        (feedback / feedback_name(sub)).write_text(feedback_page(sub, teacher), encoding="utf-8")
    write_csv(subs, out)
    return subs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", type=Path, help="folder of submitted notebooks")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "grades")
    parser.add_argument("--workers", type=int, default=2, help="kernels at once (default 2)")
    parser.add_argument("--cell-timeout", type=int, default=Limits.cell_seconds)
    parser.add_argument("--notebook-timeout", type=int, default=Limits.notebook_seconds)
    parser.add_argument("--memory-mb", type=int, default=Limits.memory_mb)
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        parser.error(f"{args.submissions} is not a folder")
    limits = Limits(args.cell_timeout, args.notebook_timeout, args.memory_mb)
    started = time.monotonic()
    level = sandbox_level()
    print(f"Isolation on this machine: {ISOLATION[level]}")
    subs = grade(args.submissions, args.out, limits, args.workers, level)
    for sub in subs:
        total = sub.rows[-1]
        print(f"{sub.name}: {total['status']}, {total['points']} points. {total['message']}")
    print(
        f"{len(subs)} submissions graded in {time.monotonic() - started:.1f} s: "
        f"{args.out / 'grades.csv'} and {args.out / 'feedback'}/"
    )
    return 0


ISOLATION = {
    "net+fs": "no network, files read-only outside each scratch folder (unshare).",
    "net": "no network (unshare); files are NOT protected: the kernel can write where you can.",
    "none": "NONE: no unshare here; kernels have the network and can write where you can.",
}

if __name__ == "__main__":
    sys.exit(main())
