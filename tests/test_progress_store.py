"""Progress that lasts: kept per user outside the repository, across kernel restarts, with a
reset; a corrupted or unwritable progress file is reported in one line and stops nothing.

A kernel restart is a new process; here it is ``reset_session()``, which empties what the
kernel remembers (the registry stays), exactly the state a new kernel starts from.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import utils.exercises as ex
from utils.exercises import check, hint, progress, reset_progress, store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def clean_session():
    ex.use_course("utils.course")
    ex.reset_session()
    ex.SESSION.store_problems.clear()
    yield
    ex.reset_session()


def restart():
    """What a kernel restart does to the engine's memory."""
    ex.reset_session()


def saved() -> dict:
    return json.loads(store.progress_file().read_text(encoding="utf-8"))["exercises"]


def correct_answer_00_1():
    return ex.find("00.1")[0].reference()


def test_progress_is_kept_outside_the_repository():
    folder = store.progress_folder()
    assert folder == Path(os.environ["KZW_PROGRESS_DIR"])
    assert ROOT not in folder.resolve().parents


def test_default_folder_is_the_users_data_folder(monkeypatch):
    monkeypatch.delenv("KZW_PROGRESS_DIR")
    folder = store.progress_folder()
    assert "kazakhstan-in-the-world" in str(folder)
    assert ROOT not in folder.resolve().parents


def test_progress_survives_a_restart():
    check("00.1", correct_answer_00_1())
    hint("00.1")
    assert saved()["00.1"] == {
        "status": "correct",
        "attempts": 1,
        "hints_seen": 1,
        "solution_seen": False,
    }
    restart()
    text = repr(progress("00"))
    assert "1 of 1 exercises done so far" in text and "reset_progress()" in text
    assert "00.1" in text and "done" in text
    assert "Hint 2 of" in repr(hint("00.1"))  # the hints seen are remembered too


def test_fresh_progress_reads_as_before():
    """With nothing saved, progress() says what it always said (stored outputs stay equal)."""
    check("00.1", 4)
    assert repr(progress("00")).startswith("Notebook 00: 0 of 1 exercises done in this session")


def test_a_placeholder_does_not_erase_a_solved_exercise():
    check("00.1", correct_answer_00_1())
    restart()
    check("00.1", ...)
    assert saved()["00.1"]["status"] == "correct"


def test_two_kernels_do_not_overwrite_each_other():
    check("00.1", correct_answer_00_1())
    other = {"01.1": {"status": "wrong", "attempts": 2, "hints_seen": 0, "solution_seen": False}}
    data = json.loads(store.progress_file().read_text())
    data["exercises"].update(other)  # another kernel wrote meanwhile
    store.progress_file().write_text(json.dumps(data))
    hint("00.1")
    assert set(saved()) == {"00.1", "01.1"}


def test_reset_progress_of_one_notebook_and_of_all():
    check("00.1", correct_answer_00_1())
    check("01.1", 3)
    assert "notebook 00 forgotten" in repr(reset_progress("00"))
    assert set(saved()) == {"01.1"}
    assert "0 of 1" in repr(progress("00"))
    assert "forgotten" in repr(reset_progress())
    assert not store.progress_file().exists()
    restart()
    assert "0 of" in repr(progress("01"))
    assert "like reset_progress" in repr(reset_progress(["01"]))


def test_a_corrupted_file_is_reported_in_one_line_and_replaced(capsys):
    store.progress_file().parent.mkdir(parents=True, exist_ok=True)
    store.progress_file().write_text("{not json")
    result = check("00.1", correct_answer_00_1())
    assert result.status == "correct"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "could not be read" in err
    assert saved()["00.1"]["status"] == "correct"
    check("00.1", 1)
    assert capsys.readouterr().err == ""  # said once per kernel


def test_a_file_of_another_shape_is_reported(capsys):
    store.progress_file().parent.mkdir(parents=True, exist_ok=True)
    store.progress_file().write_text("[1, 2]")
    assert "0 of 1" in repr(progress("00"))
    assert "could not be read" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_an_unwritable_folder_is_reported_in_one_line(tmp_path, monkeypatch, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setenv("KZW_PROGRESS_DIR", str(locked / "progress"))
    try:
        assert check("00.1", correct_answer_00_1()).status == "correct"
        hint("00.1")
        assert "1 of 1" in repr(progress("00"))
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "cannot be saved" in err
        assert "Progress of every notebook forgotten" in repr(reset_progress())
    finally:
        locked.chmod(0o700)


def test_a_folder_that_is_a_file_is_reported(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    monkeypatch.setenv("KZW_PROGRESS_DIR", str(blocker))
    assert check("00.1", 2).status in ("wrong", "close")
    assert "cannot be saved" in capsys.readouterr().err


@pytest.mark.slow
def test_progress_survives_a_new_python_process(tmp_path):
    """A real restart: two processes, one folder."""
    env = dict(os.environ, KZW_PROGRESS_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    first = (
        "from utils import check\nfrom utils.exercises import find\n"
        "check('00.1', find('00.1')[0].reference())"
    )
    second = "from utils import progress\nprint(repr(progress('00')))"
    subprocess.run([sys.executable, "-c", first], env=env, check=True, cwd=tmp_path)
    shown = subprocess.run(
        [sys.executable, "-c", second],
        env=env,
        check=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    ).stdout
    assert "1 of 1 exercises done so far" in shown
