"""The sequence of notebooks, read from each notebook's own metadata (``metadata.kzw``)."""

from __future__ import annotations

import json

import pandas as pd

from .paths import NOTEBOOKS


def notebook_info(path) -> dict:
    """The ``kzw`` metadata of one notebook: title, minutes, objectives, prerequisites, ..."""
    meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("kzw", {})
    return {"number": path.name[:2], "file": path.name, **meta}


def sequence() -> pd.DataFrame:
    """One row per notebook, in order: number, title, minutes, objectives."""
    rows = [notebook_info(p) for p in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))]
    frame = pd.DataFrame(rows, columns=["number", "title", "minutes", "objectives", "file"])
    frame["minutes"] = frame["minutes"].astype("Int64")
    return frame
