"""Dates the notebooks' prose quotes agree with the data.

Every full date written in a markdown cell ("8 December 1991", "December 8, 1991") must be a
date the data holds: a value of a date column, or a date written in a description or note (where
the data records a disagreement). A date that appears only in prose is either wrong or unsourced.
Some claims are checked more tightly below, against the row they are about.
"""

import json
import re

import pandas as pd
import pytest

from utils import load
from utils.paths import ROOT

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTH = "|".join(MONTHS)
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}) ({MONTH}) (\d{{4}})\b")
MONTH_DAY_YEAR = re.compile(rf"\b({MONTH}) (\d{{1,2}}), (\d{{4}})\b")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def prose(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def dates_in(text):
    found = set()
    for day, month, year in DAY_MONTH_YEAR.findall(text):
        found.add(pd.Timestamp(int(year), MONTHS.index(month) + 1, int(day)))
    for month, day, year in MONTH_DAY_YEAR.findall(text):
        found.add(pd.Timestamp(int(year), MONTHS.index(month) + 1, int(day)))
    for year, month, day in ISO.findall(text):
        found.add(pd.Timestamp(int(year), int(month), int(day)))
    return found


def data_dates():
    """Every date the data holds, in a date column or written in a text cell."""
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    dates = set()
    for resource in package["resources"]:
        frame = load(resource["name"])
        for column in frame.columns:
            values = frame[column].dropna()
            if pd.api.types.is_datetime64_any_dtype(values):
                dates |= set(values)
            elif values.dtype == object or pd.api.types.is_string_dtype(values):
                dates |= dates_in(" ".join(map(str, values)))
    return dates


@pytest.fixture(scope="module")
def known():
    return data_dates()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_full_date_in_prose_is_in_the_data(path, known):
    quoted = dates_in(prose(path))
    unknown = sorted(d.date().isoformat() for d in quoted - known)
    assert not unknown, f"{path.name}: dates in the prose that no table holds: {unknown}"


def milestone(milestone_id):
    return load("milestones").set_index("milestone_id").loc[milestone_id, "date"]


def notebook(number):
    return prose(next(p for p in NOTEBOOKS if p.name.startswith(number)))


def test_notebook_02_dates_the_cis_by_its_creation_and_its_enlargement():
    text = notebook("02")
    founded = load("organizations").set_index("org_id").loc["CIS", "founded"]
    assert f"{founded.day} {MONTHS[founded.month - 1]} {founded.year}" in text
    enlarged = milestone("alma-ata-cis-1991")
    assert f"{enlarged.day} {MONTHS[enlarged.month - 1]}" in text
    assert "founded at a meeting in Alma-Ata" not in text and "founded in Alma-Ata" not in text


def test_notebook_01_names_only_the_landlocked_caspian_states():
    text = notebook("01")
    countries = load("countries").set_index("iso3")
    caspian = ["AZE", "IRN", "KAZ", "RUS", "TKM"]
    landlocked = {countries.loc[c, "name"] for c in caspian if countries.loc[c, "landlocked"]}
    assert "states around it count as landlocked" not in text
    for name in landlocked:
        assert name in text


def test_notebook_05_does_not_call_another_year_the_busiest():
    from utils.course.nb05 import busiest_year, institutional

    text = notebook("05")
    per_year = institutional()["date"].dt.year.value_counts()
    assert "Two years stand out" not in text
    for year in re.findall(r"busiest year[^.]*?\b(\d{4})\b", text):
        assert int(year) == busiest_year(), f"the prose calls {year} the busiest year"
    assert per_year[busiest_year()] == per_year.max()


def test_notebook_06_sapphire_announcement_matches_the_data():
    announced = milestone("sapphire-announced-1994")
    text = notebook("06")
    wrong = f"{announced.day} December {announced.year}"
    assert announced.month == 11 and wrong not in text
