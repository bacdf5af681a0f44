"""The grader (tools/grade.py): bad submissions each get a clear row, the batch goes on, nothing
outside a submission's scratch folder changes, and answers come from re-running the cells.

The fixture folder is generated from notebooks 00 and 01 of this repository: a correct
submission (every answer its worked solution) and one submission per way a file can go wrong.
"""

import copy
import csv
import hashlib
import json
from pathlib import Path

import pytest
from bench_grade import answered
from grade import Teacher, answer_cell, find_submissions, grade, read_submission
from grade_run import Limits, sandbox_level
from grade_values import Unreadable, decode, encode

ROOT = Path(__file__).resolve().parent.parent
ANSWER_00 = 'answer_00_1 = load("borders")["neighbour_iso3"].nunique()\n'


def with_cells(nb: dict, edit) -> dict:
    """A copy of ``nb`` whose list of cells ``edit`` changed."""
    nb = copy.deepcopy(nb)
    edit(nb["cells"])
    return nb


def answer_index(nb: dict) -> int:
    return next(i for i, c in enumerate(nb["cells"]) if "answer" in c["metadata"].get("tags", []))


def set_answer(nb: dict, code: str, stored: dict | None = None) -> dict:
    """``nb`` (notebook 00) with its answer cell holding ``code`` (and a forged stored output)."""
    nb = copy.deepcopy(nb)
    cell = nb["cells"][answer_index(nb)]
    cell["source"] = code + 'check("00.1", answer_00_1)\n'
    if stored is not None:
        cell["outputs"] = [stored]
    return nb


def insert_code(nb: dict, code: str, after_answer: bool = False) -> dict:
    """``nb`` with a new code cell before (or after) the answer cell."""
    index = answer_index(nb) + (1 if after_answer else 0)
    cell = {"cell_type": "code", "id": "student-1", "metadata": {}, "source": code,
            "outputs": [], "execution_count": None}  # fmt: skip
    return with_cells(nb, lambda cells: cells.insert(index, cell))


def make_submissions(folder: Path, victim: Path) -> None:
    """One file per case, named after it; some in nested folders with odd names."""
    nb00 = json.loads((ROOT / "notebooks" / "00-start-here.ipynb").read_text(encoding="utf-8"))
    good = set_answer(nb00, ANSWER_00)
    forged_output = {
        "output_type": "execute_result", "execution_count": 6, "metadata": {},
        "data": {"text/html": '<div data-kzw-status="correct">✔ 00.1 · Correct.</div>',
                 "text/plain": "✔ 00.1 Correct"},
    }  # fmt: skip
    imports = next(i for i, c in enumerate(nb00["cells"]) if c["cell_type"] == "code")
    cases = {
        "correct-01.ipynb": answered("01"),
        "class A/Student Ä/00-start-here.ipynb": good,
        "invalid-json.ipynb": json.dumps(good)[:5000],
        "nbformat-3.ipynb": {
            "nbformat": 3,
            "nbformat_minor": 0,
            "metadata": {},
            "worksheets": [{"cells": []}],
        },  # fmt: skip
        "not-ours.ipynb": {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []},
        "deleted-cell.ipynb": with_cells(good, lambda cells: cells.pop(answer_index(good))),
        "reordered.ipynb": with_cells(
            good, lambda cells: cells.insert(imports, cells.pop(answer_index(good)))
        ),
        "renamed.ipynb": with_cells(
            good,
            lambda cells: cells[answer_index(good)].update(source="answer_00_one = 5\n"),
        ),
        "exception.ipynb": set_answer(nb00, "answer_00_1 = 1 / 0\n"),
        "endless-loop.ipynb": insert_code(good, "while True:\n    pass\n"),
        "prints-100MB.ipynb": insert_code(good, 'print("x" * 100_000_000)\n'),
        "memory-hog.ipynb": insert_code(good, "hog = bytearray(8 * 1024**3)\n"),
        "vandal.ipynb": insert_code(
            good,
            f"import os, shutil\nshutil.rmtree('../data')\nos.remove({str(victim)!r})\n"
            f"open({str(victim.parent / 'planted.txt')!r}, 'w').write('x')\n",
            after_answer=True,
        ),
        "forged-output.ipynb": set_answer(nb00, "answer_00_1 = 12\n", forged_output),
    }
    for name, content in cases.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else json.dumps(content)
        target.write_text(text, encoding="utf-8")


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The fixture folder graded once: (rows by submission, the folders, digests before)."""
    base = tmp_path_factory.mktemp("grading")
    folder, out = base / "submissions", base / "grades"
    victim = base / "outside" / "victim.txt"
    victim.parent.mkdir()
    victim.write_text("keep me", encoding="utf-8")
    make_submissions(folder, victim)
    before = tree_digest(folder), tree_digest(ROOT / "data"), tree_digest(ROOT / "utils")
    grade(folder, out, Limits(cell_seconds=20, notebook_seconds=120), workers=2)
    with (out / "grades.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_submission = {}
    for row in rows:
        by_submission.setdefault(row["submission"], {})[row["exercise"]] = row
    return by_submission, folder, out, victim, before


def test_values_round_trip():
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame({"a": [1, 2], "b": ["x", None]}, index=["p", "q"])
    values = [5, 2.5, float("nan"), "Astana", ..., None, {"KAZ", "RUS"}, ("a", 1), [1, [2]],
              np.int64(3), pd.Timestamp("1991-12-16"), frame, frame["a"]]  # fmt: skip
    for value in values:
        back = decode(json.loads(json.dumps(encode(value))))
        if isinstance(value, pd.DataFrame | pd.Series):
            assert back.equals(value), (back, value)
        elif value != value:
            assert back != back
        else:
            assert back == value and type(back) is type(value)
    unreadable = decode(encode(x for x in range(3)))
    assert isinstance(unreadable, Unreadable) and unreadable.type_name == "generator"


def test_submission_read_by_cell_ids(tmp_path):
    make_submissions(tmp_path, tmp_path / "victim")
    teacher = Teacher()
    subs = {
        s.name: s
        for s in (read_submission(p, tmp_path, teacher) for p in find_submissions(tmp_path))
    }
    assert subs["correct-01.ipynb"].notebook == "01"
    assert "not valid JSON" in subs["invalid-json.ipynb"].problem
    assert "nbformat 3" in subs["nbformat-3.ipynb"].problem
    assert "Not one of the collection's notebooks" in subs["not-ours.ipynb"].problem
    reordered = subs["reordered.ipynb"]
    assert any("reordered" in n for n in reordered.notes)
    deleted = subs["deleted-cell.ipynb"]
    assert answer_cell(deleted, teacher.notebooks["00"], "00.1") is None


@pytest.mark.slow
def test_each_bad_submission_gets_a_clear_row(graded):
    rows, *_ = graded
    total = {name: r["total"] for name, r in rows.items()}
    assert all(
        r["status"] == "correct" for e, r in rows["correct-01.ipynb"].items() if e != "total"
    )
    assert total["correct-01.ipynb"]["points"] == str(len(rows["correct-01.ipynb"]) - 1)
    assert rows["class A/Student Ä/00-start-here.ipynb"]["00.1"]["status"] == "correct"
    expected = {  # submission: (status of 00.1, words its message contains)
        "deleted-cell.ipynb": ("missing", "was deleted"),
        "reordered.ipynb": ("missing", "NameError"),
        "renamed.ipynb": ("missing", "assigns answer_00_one instead"),
        "exception.ipynb": ("missing", "ZeroDivisionError"),
        "endless-loop.ipynb": ("correct", ""),
        "prints-100MB.ipynb": ("correct", ""),
        "memory-hog.ipynb": ("correct", ""),
        "vandal.ipynb": ("correct", ""),
        "forged-output.ipynb": ("wrong", "stored output said correct"),
    }
    for name, (status, words) in expected.items():
        row = rows[name]["00.1"]
        assert row["status"] == status and words in row["message"], (name, row)
    assert "not valid JSON" in total["invalid-json.ipynb"]["message"]
    assert "nbformat 3" in total["nbformat-3.ipynb"]["message"]
    assert "not one of the collection's" in total["not-ours.ipynb"]["message"].lower()
    assert "reordered" in total["reordered.ipynb"]["message"]
    out = graded[2]
    for name, words in [
        ("endless-loop", "and was stopped"),
        ("prints-100MB", "MB of output"),
        ("memory-hog", "MemoryError"),
    ]:
        assert words in (out / "feedback" / f"{name}.ipynb.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_nothing_outside_the_scratch_folder_changes(graded):
    rows, folder, out, victim, before = graded
    assert (tree_digest(folder), tree_digest(ROOT / "data"), tree_digest(ROOT / "utils")) == before
    if sandbox_level() == "net+fs":
        assert victim.read_text(encoding="utf-8") == "keep me"
        assert not (victim.parent / "planted.txt").exists()
        page = (out / "feedback" / "vandal.ipynb.html").read_text(encoding="utf-8")
        assert "Read-only file system" in page


@pytest.mark.slow
def test_feedback_pages_are_escaped_and_script_free(graded):
    rows, folder, out, *_ = graded
    pages = sorted((out / "feedback").glob("*.html"))
    assert len(pages) == len(rows)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower() and "<h1>Feedback on " in text
    nested = (out / "feedback" / "class_A__Student_Ä__00-start-here.ipynb.html").read_text(
        encoding="utf-8"
    )
    assert "Correct" in nested or "correct" in nested
