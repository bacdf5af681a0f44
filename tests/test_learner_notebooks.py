"""A learner's own notebooks survive every project command byte for byte.

In a copy of the project (a fresh git repository holding notebooks 00 and 08 of the sequence),
learner notebooks with awkward names (non-ASCII letters, spaces, quotes, a leading dash, a
symlink, a very long name), untracked or edited, are left exactly as they were by
`make execute` (with and without naming them), `make editions` and `make site`.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tooling import skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
KEPT_NOTEBOOKS = ("00-start-here.ipynb", "08-reading-a-foreign-policy-text.ipynb")
LEARNER_NAMES = [
    "mine-ü.ipynb",
    "Мой конспект.ipynb",
    "with space.ipynb",
    'quote\'d "q".ipynb',
    "-dash.ipynb",
    "l" * 200 + ".ipynb",
]


def learner_notebook(marker):
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "execution_count": None,
                    "id": "c1",
                    "metadata": {},
                    "outputs": [],
                    "source": f"# {marker}\n1 + 1",
                }
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        ensure_ascii=False,
    )


def git(folder, *args):
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the tracked project files (working-tree content) as a new git repository."""
    copy = tmp_path_factory.mktemp("project")
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if name.startswith("notebooks/") and Path(name).name not in KEPT_NOTEBOOKS:
            continue
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy / name)
    git(copy, "init", "-q")
    # A learner notebook that was committed once and edited since.
    (copy / "notebooks" / "committed-é.ipynb").write_text(
        learner_notebook("committed"), encoding="utf-8"
    )
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "copy")
    notebooks = copy / "notebooks"
    for name in LEARNER_NAMES:
        (notebooks / name).write_text(learner_notebook(name), encoding="utf-8")
    (copy / "outside.ipynb").write_text(learner_notebook("outside"), encoding="utf-8")
    os.symlink("../outside.ipynb", notebooks / "link.ipynb")
    edited = notebooks / "committed-é.ipynb"
    edited.write_text(learner_notebook("committed, then edited"), encoding="utf-8")
    sequence_edit = notebooks / "08-reading-a-foreign-policy-text.ipynb"
    nb = json.loads(sequence_edit.read_text(encoding="utf-8"))
    nb["cells"].append(
        {"cell_type": "markdown", "id": "learner-note", "metadata": {}, "source": "My own note."}
    )
    sequence_edit.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return copy


def learner_files(project):
    names = LEARNER_NAMES + [
        "link.ipynb",
        "committed-é.ipynb",
        "08-reading-a-foreign-policy-text.ipynb",
    ]
    return [project / "notebooks" / n for n in names] + [project / "outside.ipynb"]


def snapshot(project):
    return {p: (p.read_bytes(), os.path.islink(p)) for p in learner_files(project)}


def run(project, *args, env=None):
    return subprocess.run(
        [sys.executable, *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def test_execute_touches_only_the_clean_sequence(project):
    before = snapshot(project)
    result = run(project, "tools/execute_notebooks.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "executed  notebooks/00-start-here.ipynb" in result.stdout
    assert "left alone notebooks/08-reading-a-foreign-policy-text.ipynb" in result.stdout
    for name in LEARNER_NAMES:  # not part of the sequence: not even mentioned
        assert name not in result.stdout
    assert snapshot(project) == before


@pytest.mark.parametrize("name", LEARNER_NAMES + ["link.ipynb", "committed-é.ipynb"])
def test_execute_leaves_a_named_learner_notebook_alone(project, name):
    before = snapshot(project)
    result = run(project, "tools/execute_notebooks.py", "--", f"notebooks/{name}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "left alone" in result.stdout and "executed" not in result.stdout
    assert snapshot(project) == before


def test_editions_and_site_leave_learner_notebooks_alone(project):
    before = snapshot(project)
    result = run(project, "tools/build_editions.py")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    built = sorted(
        p.name for p in (project / "build" / "editions" / "practice" / "notebooks").iterdir()
    )
    assert built == sorted(KEPT_NOTEBOOKS)  # the sequence only, never a learner's notebook
    assert snapshot(project) == before
    site_python = ROOT / ".venv-site" / "bin" / "python"
    if not site_python.exists():
        skip_or_fail("the site tooling (.venv-site) is missing")
    result = run(project, "tools/build_site.py", env={"KZW_SITE_PYTHON": str(site_python)})
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert snapshot(project) == before
