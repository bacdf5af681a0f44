"""Place names at a date.

A city keeps one ``place_id`` in the data while its name changes: the Alma-Ata meeting of 1991
took place in today's Almaty, and a 1997 event in today's Astana happened in Akmola. The table
``place_names`` says which name a place had between which dates, with sources; a place that
never changed its name keeps the ``name`` of ``places.csv``. Wherever a place is shown next to a
date, show the name of that date: ``name_at("astana", "2019-06-12")`` gives ``"Nur-Sultan"``.
"""

import pandas as pd

from .data import load


def _names() -> pd.DataFrame:
    return load("place_names")


def name_at(place_id, date) -> str:
    """The name `place_id` had on `date` (today's name from places.csv if it never changed)."""
    when = pd.Timestamp(date)
    names = _names()
    rows = names[names["place_id"] == place_id]
    for row in rows.itertuples():
        starts_before = pd.isna(row.start) or row.start <= when
        ends_after = pd.isna(row.end) or when < row.end
        if starts_before and ends_after:
            return row.name
    places = load("places").set_index("place_id")
    return places.loc[place_id, "name"]


def name_today(place_id) -> str:
    """The place's name today (the name with no end date, else places.csv's name)."""
    names = _names()
    current = names[(names["place_id"] == place_id) & names["end"].isna()]
    if len(current):
        return current.iloc[0]["name"]
    return load("places").set_index("place_id").loc[place_id, "name"]


def with_place_names(frame: pd.DataFrame, place: str = "place", date: str = "date") -> pd.DataFrame:
    """`frame` with two columns added: ``place_name`` (the name on the row's date) and
    ``place_today`` (today's name). Rows without a place get empty names."""
    result = frame.copy()
    result["place_name"] = [
        name_at(p, d) if isinstance(p, str) else pd.NA for p, d in zip(frame[place], frame[date])
    ]
    result["place_today"] = [name_today(p) if isinstance(p, str) else pd.NA for p in frame[place]]
    return result
