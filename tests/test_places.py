"""Place names at a date: ids stay stable, the name shown is the one of the day."""

import pandas as pd
import pytest

from utils import load
from utils.places import name_at, with_place_names


@pytest.mark.parametrize(
    "place, date, name",
    [
        ("almaty", "1991-12-21", "Alma-Ata"),
        ("almaty", "2002-06-04", "Almaty"),
        ("astana", "1997-12-10", "Akmola"),
        ("astana", "1998-05-06", "Astana"),
        ("astana", "2019-06-12", "Nur-Sultan"),
        ("astana", "2022-09-17", "Astana"),
        ("tashkent", "1992-05-15", "Tashkent"),
    ],
)
def test_name_at(place, date, name):
    assert name_at(place, date) == name


def test_name_periods_do_not_overlap():
    names = load("place_names")
    for place, rows in names.groupby("place_id"):
        rows = rows.sort_values("start", na_position="first")
        ends, starts = rows["end"].iloc[:-1].tolist(), rows["start"].iloc[1:].tolist()
        assert ends == starts, f"{place}: each name must end on the day the next begins"
        assert pd.isna(rows["end"].iloc[-1]), f"{place}: the last name has no end"


def test_milestones_show_the_name_of_their_date():
    shown = with_place_names(load("milestones")).set_index("milestone_id")
    assert shown.loc["capital-move-1997", "place_name"] == "Akmola"
    assert shown.loc["tokayev-inauguration-2019", "place_name"] == "Nur-Sultan"
    assert shown.loc["alma-ata-cis-1991", "place_name"] == "Alma-Ata"
    assert shown.loc["tokayev-inauguration-2019", "place_today"] == "Astana"
