"""How `make lab` and `make test` set up .venv: the learner gets only what the notebooks need."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("tasks", ROOT / "tools" / "tasks.py")
tasks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tasks)

TEST_TOOLS = ("pytest", "nbval", "hypothesis", "playwright", "pytest-timeout", "psutil", "pyyaml")


def pinned(requirements: str) -> set[str]:
    lines = (ROOT / requirements).read_text().splitlines()
    return {
        line.split("==")[0].strip().lower()
        for line in lines
        if line.strip() and not line.startswith(("#", "-r"))
    }


def test_the_learner_requirements_hold_no_test_tool():
    assert not pinned("requirements.txt") & set(TEST_TOOLS)
    assert set(TEST_TOOLS) <= pinned("requirements-dev.txt")


@pytest.fixture
def installs(monkeypatch, tmp_path):
    """Record what would be installed into a stand-in .venv (nothing is run)."""
    python = tmp_path / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    done = []
    monkeypatch.setattr(tasks, "ensure_venv", lambda venv: python)
    monkeypatch.setattr(tasks, "link_helper_package", lambda python: None)
    monkeypatch.setattr(tasks, "run", lambda cmd, **kw: done.append([str(c) for c in cmd]))
    return done


def test_lab_installs_only_what_the_notebooks_need(installs, capsys):
    tasks.ensure_environment()
    assert [cmd[-1] for cmd in installs] == ["requirements.txt"]
    said = capsys.readouterr().out
    assert "may take a few minutes" in said and "JupyterLab" in said  # progress, not silence
    tasks.ensure_environment()
    assert len(installs) == 1, "a current environment is not installed again"


def test_test_commands_add_the_test_tools(installs):
    tasks.ensure_environment()
    tasks.ensure_environment(tests=True)
    assert [cmd[-1] for cmd in installs] == ["requirements.txt", "requirements-dev.txt"]


def test_pip_shows_progress(installs, monkeypatch):
    monkeypatch.setattr(tasks.shutil, "which", lambda name: None)  # no uv: pip
    tasks.ensure_environment()
    assert "--quiet" not in installs[0] and "-q" not in installs[0]


@pytest.mark.slow
def test_the_helpers_are_linked_without_a_build(tmp_path):
    """One .pth file makes `utils` importable from notebooks/; no *.egg-info appears."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = tasks.venv_python(venv)
    tasks.link_helper_package(python)
    found = subprocess.run(
        [str(python), "-c", "import importlib.util as u; print(u.find_spec('utils').origin)"],
        cwd=ROOT / "notebooks",
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert Path(found.stdout.strip()) == ROOT / "utils" / "__init__.py"
    assert not list(ROOT.glob("*.egg-info"))


def test_jupyterlab_opens_notebook_00_on_localhost():
    options = tasks.lab_options(ROOT)
    assert f"--LabApp.default_url=/lab/tree/{tasks.FIRST_NOTEBOOK}" in options
    assert "--ServerApp.ip=127.0.0.1" in options


def test_a_folder_without_notebook_00_opens_the_default_page(tmp_path):
    assert not any("default_url" in option for option in tasks.lab_options(tmp_path))
