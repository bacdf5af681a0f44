"""Progress that lasts: a learner's exercises, remembered across kernel restarts and sessions.

One JSON file per user, outside the repository: ``$KZW_PROGRESS_DIR/progress.json``, or the
user's data folder (``~/.local/share/kazakhstan-in-the-world`` on Linux). It is never written
into a notebook or into ``data/``. Per exercise it holds the last status, the number of
attempts, the hints seen and whether the worked solution was seen.

The engine reads the file the first time it needs it and writes it after each check, hint or
solution, merging with what other kernels wrote meanwhile. A file that cannot be read or
written is reported in one line, once per kernel, and the notebook goes on: progress is then
kept for this session only.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .feedback import one_line
from .registry import SESSION

FILE_NAME = "progress.json"
FORMAT = 1
KEPT_STATUSES = ("unanswered", "unknown-id")  # never replace a remembered status with these


def progress_folder() -> Path:
    """Where progress is kept: $KZW_PROGRESS_DIR, or the user's data folder."""
    chosen = os.environ.get("KZW_PROGRESS_DIR")
    if chosen:
        return Path(chosen)
    from platformdirs import user_data_dir  # a dependency of jupyter_core

    return Path(user_data_dir("kazakhstan-in-the-world", appauthor=False))


def progress_file() -> Path:
    return progress_folder() / FILE_NAME


def _report(problem: str) -> None:
    """Say a problem with the progress file once per kernel, in one line."""
    if problem not in SESSION.store_problems:
        SESSION.store_problems.add(problem)
        print(f"Note: {one_line(problem)}", file=sys.stderr)


def _read(path: Path) -> dict[str, dict]:
    """The exercises recorded in the file ({} when there is none); raises on a bad file."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("exercises"), dict):
        raise ValueError("not a progress file of this collection")
    return {k: v for k, v in data["exercises"].items() if isinstance(v, dict)}


def load() -> None:
    """Bring what earlier sessions remembered into this session (once per progress file)."""
    path = progress_file()
    if SESSION.store_path == path:
        return
    SESSION.store_path = path
    try:
        saved = _read(path)
    except (OSError, ValueError) as err:
        _report(
            f"your saved progress ({path}) could not be read ({type(err).__name__}); "
            "progress starts afresh and the file is replaced at your next check."
        )
        return
    for exercise_id, entry in saved.items():
        status = entry.get("status")
        if isinstance(status, str) and exercise_id not in SESSION.status:
            SESSION.status[exercise_id] = status
            SESSION.remembered.add(exercise_id)
        for key, table, kind in (
            ("attempts", SESSION.attempts, int),
            ("hints_seen", SESSION.hints_seen, int),
            ("solution_seen", SESSION.solutions_seen, bool),
        ):
            value = entry.get(key)
            if isinstance(value, kind) and exercise_id not in table:
                table[exercise_id] = value


def entry(exercise_id: str) -> dict:
    """What this session knows of one exercise, as stored in the file."""
    return {
        "status": SESSION.status.get(exercise_id),
        "attempts": SESSION.attempts.get(exercise_id, 0),
        "hints_seen": SESSION.hints_seen.get(exercise_id, 0),
        "solution_seen": bool(SESSION.solutions_seen.get(exercise_id)),
    }


def save(exercise_id: str) -> None:
    """Write one exercise's progress to the file, keeping what other kernels wrote."""
    path = progress_file()
    try:
        saved = _read(path)
    except (OSError, ValueError):
        saved = {}  # already reported by load(); replaced now
    record = entry(exercise_id)
    earlier = saved.get(exercise_id, {}).get("status")
    if earlier and record["status"] in (None, *KEPT_STATUSES):
        record["status"] = earlier
    saved[exercise_id] = record
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{FILE_NAME}.{os.getpid()}.tmp")
        temporary.write_text(
            json.dumps({"format": FORMAT, "exercises": dict(sorted(saved.items()))}, indent=1),
            encoding="utf-8",
        )
        temporary.replace(path)
    except OSError as err:
        _report(
            f"your progress cannot be saved to {path} ({type(err).__name__}: {err.strerror or err}); "
            "it is kept for this session only."
        )


def forget(notebook: str | None = None) -> Path:
    """Forget the progress of notebook "NN" (of every notebook when None), in this session and
    in the file; return the file's path."""
    path = progress_file()
    tables = (SESSION.status, SESSION.attempts, SESSION.hints_seen, SESSION.solutions_seen)
    try:
        saved = _read(path)
    except (OSError, ValueError):
        saved = {}
    ids = {i for i in set(saved).union(*tables) if notebook is None or i[:3] == f"{notebook}."}
    for table in tables:
        for exercise_id in ids:
            table.pop(exercise_id, None)
    SESSION.remembered.difference_update(ids)
    kept = {k: v for k, v in saved.items() if k not in ids}
    try:
        if kept:
            path.write_text(
                json.dumps({"format": FORMAT, "exercises": kept}, indent=1), encoding="utf-8"
            )
        else:
            path.unlink(missing_ok=True)
    except OSError as err:
        _report(f"your saved progress in {path} cannot be reset ({type(err).__name__}).")
    return path
