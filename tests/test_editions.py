"""tools/build_editions.py: teacher and student editions from one source, safely.

The build runs on a scratch copy of the project made from tests/fixtures/edition_project (one
notebook, one exercise "99.1" with its worked solution) and the real utils package, so it does
not depend on today's notebooks or data.
"""

import importlib.util
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from notebook_meta import Definition, without_solutions

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "edition_project"

spec = importlib.util.spec_from_file_location("build_editions",
                                              ROOT / "tools" / "build_editions.py")
build_editions = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_editions)
BuildError = build_editions.BuildError

WHY = "this sentence is the reasoning text the student edition must never contain"


def make_project(folder: Path) -> Path:
    """A small project: the real utils plus the fixture notebook, data and exercise 99.1."""
    project = folder / "project"
    shutil.copytree(ROOT / "utils", project / "utils",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "nb[0-9][0-9].py"))
    shutil.copytree(FIXTURE / "notebooks", project / "notebooks")
    shutil.copytree(FIXTURE / "data", project / "data")
    shutil.copy2(FIXTURE / "utils_extra" / "course" / "nb99.py",
                 project / "utils" / "course" / "nb99.py")
    (project / "requirements.txt").write_text("pandas\n")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build once for the module; return (project, output folder, printed text)."""
    folder = tmp_path_factory.mktemp("editions")
    project = make_project(folder)
    source_before = (project / "notebooks" / "99-fixture.ipynb").read_bytes()
    out = folder / "out"
    assert build_editions.main(["--root", str(project), "--out", str(out)]) == 0
    assert (project / "notebooks" / "99-fixture.ipynb").read_bytes() == source_before
    return project, out


def notebook(out: Path, edition: str) -> nbformat.NotebookNode:
    return nbformat.read(out / edition / "notebooks" / "99-fixture.ipynb", as_version=4)


def outputs(nb) -> str:
    return json.dumps([c.get("outputs", []) for c in nb.cells])


def test_both_editions_are_complete(built):
    _, out = built
    for edition in ("teacher", "student"):
        for part in ("notebooks/99-fixture.ipynb", "data/fixture_numbers.csv",
                     "utils/exercises/__init__.py", "utils/course/nb99.py", "README.md",
                     "requirements.txt"):
            assert (out / edition / part).is_file(), f"{edition}/{part} missing"
        assert f"{edition} edition" in (out / edition / "README.md").read_text()
    manifest = json.loads((out / build_editions.MANIFEST).read_text())
    assert "teacher/notebooks/99-fixture.ipynb" in manifest["files"]


def test_teacher_edition_has_solutions_that_pass(built):
    _, out = built
    nb = notebook(out, "teacher")
    answer = next(c for c in nb.cells if "answer" in c.metadata.get("tags", []))
    assert 'answer_99_1 = numbers["value"].sum()' in answer.source
    assert answer.source.rstrip().endswith('check("99.1", answer_99_1)')
    assert "..." not in answer.source
    assert 'data-kzw-status=\\"correct\\"' in json.dumps(answer.outputs)
    assert WHY in outputs(nb)                    # the solution() demo cell shows it
    assert "KZW-REPORT" not in outputs(nb)       # the builder's own cell is gone


def test_student_edition_has_no_solutions(built):
    _, out = built
    nb = notebook(out, "student")
    answer = next(c for c in nb.cells if "answer" in c.metadata.get("tags", []))
    assert answer.source.startswith("answer_99_1 = ...")
    assert "Not answered yet" in outputs(nb)
    assert "student edition" in outputs(nb)
    course = out / "student" / "utils" / "course"
    assert "STUDENT_EDITION = True" in (course / "__init__.py").read_text()
    assert "solution=None" in (course / "nb99.py").read_text()
    for path in (out / "student").rglob("*"):
        if path.is_file() and path.suffix in (".py", ".ipynb", ".md", ".csv", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert WHY not in text and 'numbers["value"].sum()' not in text, path


def test_refuses_a_folder_it_did_not_make(tmp_path):
    project = make_project(tmp_path)
    out = tmp_path / "someone-elses"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(BuildError, match="not made by this tool"):
        build_editions.build(project, out)
    assert (out / "notes.txt").read_text() == "mine"


def test_refuses_to_overwrite_an_unlisted_file(tmp_path):
    project = make_project(tmp_path)
    out = tmp_path / "out"
    (out / "student").mkdir(parents=True)
    (out / build_editions.MANIFEST).write_text(json.dumps({"files": []}))
    (out / "student" / "README.md").write_text("my notes")
    with pytest.raises(BuildError, match="did not write"):
        build_editions.build(project, out)
    assert (out / "student" / "README.md").read_text() == "my notes"


@pytest.mark.parametrize("inside", ["notebooks", "utils", "data", "."])
def test_never_writes_into_the_source(tmp_path, inside):
    project = make_project(tmp_path)
    with pytest.raises(BuildError):
        build_editions.build(project, project / inside / "editions" if inside != "." else
                             project, force=True)


@pytest.mark.slow
def test_a_wrong_solution_fails_the_build(tmp_path):
    project = make_project(tmp_path)
    path = project / "utils" / "course" / "nb99.py"
    path.write_text(path.read_text().replace('numbers["value"].sum()', "11"))
    with pytest.raises(BuildError, match="does not pass its check: 99.1"):
        build_editions.build(project, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_missing_solution_fails_the_build(tmp_path):
    project = make_project(tmp_path)
    path = project / "utils" / "course" / "nb99.py"
    path.write_text(without_solutions(path.read_text()))
    with pytest.raises(BuildError, match="no worked solution for 99.1"):
        build_editions.build(project, tmp_path / "out")


def test_rebuild_keeps_strangers_and_removes_stale_files(built, capsys):
    project, out = built
    (out / "teachers-notes.txt").write_text("keep me")
    manifest = json.loads((out / build_editions.MANIFEST).read_text())
    manifest["files"].append("student/old-file.txt")
    (out / "student" / "old-file.txt").write_text("from an earlier build")
    (out / build_editions.MANIFEST).write_text(json.dumps(manifest))
    assert build_editions.main(["--root", str(project), "--out", str(out)]) == 0
    assert (out / "teachers-notes.txt").read_text() == "keep me"
    assert not (out / "student" / "old-file.txt").exists()
    printed = capsys.readouterr().out
    assert "removed 1 stale" in printed and " s)" in printed


# --------------------------------------------------------------------------- the teaching guide

spec = importlib.util.spec_from_file_location("teaching_guide",
                                              ROOT / "tools" / "teaching_guide.py")
teaching_guide = importlib.util.module_from_spec(spec)
spec.loader.exec_module(teaching_guide)


def test_guide_from_the_fixture_notebook(tmp_path):
    fixture = FIXTURE / "notebooks" / "99-fixture.ipynb"
    bare = tmp_path / "98-no-metadata.ipynb"
    bare.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}))
    exercises = [Definition("99.1", fixture, "What is the total | of the value column?",
                            "number", hints=["a", "b"]),
                 Definition("97.1", fixture, "An exercise without a notebook", "year")]
    text, warnings = teaching_guide.guide([bare, fixture], exercises)
    assert "| 99.1 | What is the total \\| of the value column? | number | 2 |" in text
    assert "Why check answers against data?" in text
    assert "Counting rows instead of distinct values" in text
    assert "1. Run an answer cell" in text
    assert "Not given." in text and "time: not given" in text        # 98 has no metadata
    assert "Total time to learn: 10 minutes over 2 notebooks." in text
    assert any("97.1" in w and "no notebook 97" in w for w in warnings)
    assert "solution" not in text.split("## The sequence")[1].lower()


def test_guide_is_up_to_date():
    import subprocess
    import sys
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "teaching_guide.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
