"""The course: the notebook sequence and the exercises of each notebook.

- ``sequence()`` lists the notebooks in order, from each notebook's own metadata
  (``metadata.kzw``: title, minutes, objectives, prerequisites, discussion questions).
- ``nbNN.py`` defines the exercises of notebook NN, each in one place: an :class:`Exercise`
  with its question, answer kind, reference (a function that computes the expected answer from
  the data, so a corrected data row never leaves a stale answer key), hints, worked solution
  (``Solution(code=..., why=...)``, plain text) and common mistakes. The functions a
  reference needs sit above the ``EXERCISES`` list.

The course depends on the exercise engine (``utils.exercises``), never the other way round;
the ``utils`` package hands this package to the engine. ``tools/build_editions.py`` sets
``EDITION`` in each edition it builds: the practice edition has no worked solutions; the
assessment edition has none of this package's reference code either (only questions, kinds and,
unless left out, hints), and there ``check`` records answers instead of judging them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..paths import NOTEBOOKS

EDITION = "full"  # "teacher", "practice" or "assessment" in a built edition


def notebook_info(path: Path) -> dict:
    """The ``kzw`` metadata of one notebook: title, minutes, objectives, prerequisites, ..."""
    meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("kzw", {})
    return {"number": path.name[:2], "file": path.name, **meta}


def sequence() -> pd.DataFrame:
    """One row per notebook, in order: number, title, minutes, objectives."""
    rows = [notebook_info(p) for p in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))]
    frame = pd.DataFrame(rows, columns=["number", "title", "minutes", "objectives", "file"])
    frame["minutes"] = frame["minutes"].astype("Int64")
    return frame
