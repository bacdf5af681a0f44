"""tools/build_editions.py: teacher, practice and assessment editions from one source, safely;
the assessment edition searched for every reference answer and reference function; the
teacher's kit.

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
from reference_answers import leaked_references, reference_answers, reference_names
from teacher_kit import handouts
from tooling import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "edition_project"

spec = importlib.util.spec_from_file_location(
    "build_editions", ROOT / "tools" / "build_editions.py"
)
build_editions = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_editions)
BuildError = build_editions.BuildError

WHY = "this sentence is the reasoning text the student edition must never contain"
EDITIONS = ("teacher", "practice", "assessment")
MIME = "application/vnd.kzw.answer+json"


def make_project(folder: Path) -> Path:
    """A small project: the real utils plus the fixture notebook, data and exercise 99.1."""
    project = folder / "project"
    shutil.copytree(
        ROOT / "utils",
        project / "utils",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "nb[0-9][0-9].py"),
    )
    shutil.copytree(FIXTURE / "notebooks", project / "notebooks")
    shutil.copytree(FIXTURE / "data", project / "data")
    shutil.copy2(
        FIXTURE / "utils_extra" / "course" / "nb99.py", project / "utils" / "course" / "nb99.py"
    )
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


def test_every_edition_is_complete(built):
    _, out = built
    for edition in EDITIONS:
        for part in (
            "notebooks/99-fixture.ipynb",
            "data/fixture_numbers.csv",
            "utils/exercises/__init__.py",
            "utils/course/nb99.py",
            "README.md",
            "requirements.txt",
        ):
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
    assert WHY in outputs(nb)  # the solution() demo cell shows it
    assert "KZW-REPORT" not in outputs(nb)  # the builder's own cell is gone


def test_practice_edition_has_no_solutions_and_says_what_it_is_for(built):
    _, out = built
    nb = notebook(out, "practice")
    answer = next(c for c in nb.cells if "answer" in c.metadata.get("tags", []))
    assert answer.source.startswith("answer_99_1 = ...")
    assert "Not answered yet" in outputs(nb)
    assert "practice edition" in outputs(nb)
    course = out / "practice" / "utils" / "course"
    assert 'EDITION = "practice"' in (course / "__init__.py").read_text()
    assert "solution=None" in (course / "nb99.py").read_text()
    readme = " ".join((out / "practice" / "README.md").read_text().split())
    assert "not for marks" in readme and "a determined student can derive every answer" in readme
    for path in (out / "practice").rglob("*"):
        if path.is_file() and path.suffix in (".py", ".ipynb", ".md", ".csv", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert WHY not in text and 'numbers["value"].sum()' not in text, path


def test_assessment_edition_records_answers_without_a_verdict(built):
    _, out = built
    nb = notebook(out, "assessment")
    answer = next(c for c in nb.cells if "answer" in c.metadata.get("tags", []))
    assert answer.source.startswith("answer_99_1 = ...")
    (bundle,) = [o["data"] for o in answer.outputs if "data" in o]
    assert bundle[MIME] == {
        "format": 1,
        "exercise": "99.1",
        "variable": "answer_99_1",
        "answered": False,
        "type": "nothing yet",
        "value": None,
    }
    assert (
        "Recorded" in bundle["text/plain"] and 'data-kzw-status="recorded"' in bundle["text/html"]
    )
    for verdict in ("Correct", "Not yet", "Not answered yet"):
        assert verdict not in outputs(nb)
    assert "assessment edition" in outputs(nb)  # solution() says so
    assert "Hint 1 of 2" in outputs(nb)  # hints stay unless --no-hints
    course = (out / "assessment" / "utils" / "course" / "nb99.py").read_text()
    assert "def total" not in course and "reference" not in course and "Solution" not in course
    assert "marked work" in (out / "assessment" / "README.md").read_text()


def test_leak_search_finds_nothing_in_the_assessment_edition(built):
    """The search the build runs, run again here: every reference answer (computed by the
    teacher's copy) and every reference function name, in every file but data/."""
    project, out = built
    answers = reference_answers(project)
    assert answers["99.1"]["value"] == 12
    names = reference_names(project)
    assert names == ["total"]
    assert leaked_references(out / "assessment", answers, names) == []
    leaks = leaked_references(out / "practice", answers, names)  # it ships the reference code
    assert any("reference code total" in leak for leak in leaks)


def test_leak_search_finds_planted_leaks(built, tmp_path):
    project, out = built
    copy = tmp_path / "assessment"
    shutil.copytree(out / "assessment", copy)
    (copy / "utils" / "helper.py").write_text("def total():\n    return 12\n")
    cell = {
        "cell_type": "code",
        "metadata": {"tags": ["answer"]},
        "source": "",
        "outputs": [{"output_type": "stream", "name": "stdout", "text": "12"}],
    }
    (copy / "notebooks" / "extra.ipynb").write_text(json.dumps({"cells": [cell]}))
    leaks = "; ".join(leaked_references(copy, reference_answers(project), ["total"]))
    assert "utils/helper.py: reference code total" in leaks
    assert "notebooks/extra.ipynb: the answer of 99.1 (12)" in leaks
    distinctive = {"99.1": {"value": 1234.5678, "shown": "1234.5678", "python": "1234.5678"}}
    (copy / "notes.md").write_text("The total is 1234.57 in all.")
    leaks = "; ".join(leaked_references(copy, distinctive, []))
    assert "notes.md: the answer of 99.1 (1234.57)" in leaks


def test_assessment_edition_without_hints(tmp_path):
    project = make_project(tmp_path)
    out = tmp_path / "out"
    assert build_editions.main(["--root", str(project), "--out", str(out), "--no-hints"]) == 0
    nb = notebook(out, "assessment")
    assert "no hints in this edition" in outputs(nb) and "Hint 1" not in outputs(nb)
    assert "hints=" not in (out / "assessment" / "utils" / "course" / "nb99.py").read_text()
    assert "There are no hints in it." in (out / "assessment" / "README.md").read_text()
    assert "Hint 1 of 2" in outputs(notebook(out, "practice"))


def test_teacher_kit(built):
    _, out = built
    kit = out / "teacher" / "kit"
    key = (kit / "answer-key" / "99-answer-key.md").read_text()
    assert "## 99.1" in key and "12" in key and WHY in key
    assert 'answer_99_1 = numbers["value"].sum()' in key
    assert "Why check answers against data?" in (kit / "discussion-notes.md").read_text()
    assert "do not hand this folder to students" in (kit / "README.md").read_text()
    for edition in ("practice", "assessment"):
        assert not (out / edition / "kit").exists()
        assert not (out / edition / "docs").exists()
    if not (kit / "handouts").is_dir():
        skip_or_fail("no handouts: Chromium or Playwright is missing")
    pdf = (kit / "handouts" / "99-fixture.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


def test_handouts_are_skipped_in_one_line_without_chromium(tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    line = handouts(FIXTURE / "notebooks", tmp_path / "handouts")
    assert line.startswith("kit: handouts skipped") and "\n" not in line
    assert not (tmp_path / "handouts").exists()


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
    (out / "assessment").mkdir(parents=True)
    (out / build_editions.MANIFEST).write_text(json.dumps({"files": []}))
    (out / "assessment" / "README.md").write_text("my notes")
    with pytest.raises(BuildError, match="did not write"):
        build_editions.build(project, out)
    assert (out / "assessment" / "README.md").read_text() == "my notes"


@pytest.mark.parametrize("inside", ["notebooks", "utils", "data", "."])
def test_never_writes_into_the_source(tmp_path, inside):
    project = make_project(tmp_path)
    with pytest.raises(BuildError):
        build_editions.build(
            project, project / inside / "editions" if inside != "." else project, force=True
        )


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
    manifest["files"].append("practice/old-file.txt")
    (out / "practice" / "old-file.txt").write_text("from an earlier build")
    (out / build_editions.MANIFEST).write_text(json.dumps(manifest))
    assert build_editions.main(["--root", str(project), "--out", str(out)]) == 0
    assert (out / "teachers-notes.txt").read_text() == "keep me"
    assert not (out / "practice" / "old-file.txt").exists()
    printed = capsys.readouterr().out
    assert "removed 1 stale" in printed and " s)" in printed


# --------------------------------------------------------------------------- the teaching guide

spec = importlib.util.spec_from_file_location(
    "teaching_guide", ROOT / "tools" / "teaching_guide.py"
)
teaching_guide = importlib.util.module_from_spec(spec)
spec.loader.exec_module(teaching_guide)


def test_guide_from_the_fixture_notebook(tmp_path):
    fixture = FIXTURE / "notebooks" / "99-fixture.ipynb"
    bare = tmp_path / "98-no-metadata.ipynb"
    bare.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    exercises = [
        Definition(
            "99.1", fixture, "What is the total | of the value column?", "number", hints=["a", "b"]
        ),
        Definition("97.1", fixture, "An exercise without a notebook", "year"),
    ]
    text, warnings = teaching_guide.guide([bare, fixture], exercises)
    assert "| 99.1 | What is the total \\| of the value column? | number | 2 |" in text
    assert "Why check answers against data?" in text
    assert "Counting rows instead of distinct values" in text
    assert "1. Run an answer cell" in text
    assert "Not given." in text and "time: not given" in text  # 98 has no metadata
    assert "Total time to learn: 10 minutes over 2 notebooks." in text
    assert any("97.1" in w and "no notebook 97" in w for w in warnings)
    assert "solution" not in text.split("## The sequence")[1].lower()


def test_guide_is_up_to_date():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "teaching_guide.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
