"""data/contested_areas.csv: the contested areas the maps draw apart, each fully sourced.

The schema checks types, keys and that every source id exists; these tests say what it cannot:
the exact set of areas, at least two sources behind every row, every UN General Assembly
resolution and every Kazakh position, and a neutral voice in the notes.
"""

import re

import pandas as pd
import pytest

from utils import load

EXPECTED = {
    "crimea",
    "kashmir",
    "western-sahara",
    "kosovo",
    "taiwan",
    "northern-cyprus",
    "abkhazia",
    "south-ossetia",
    "somaliland",
    "falklands",
}

ROW_SOURCES = ["source_id", "source_id_2", "source_id_3", "source_id_4", "source_id_5"]
UN_GA_SOURCES = ["un_ga_source_id", "un_ga_source_id_2"]
KZ_SOURCES = ["kazakhstan_source_id", "kazakhstan_source_id_2", "kazakhstan_source_id_3"]
ALL_SOURCES = ROW_SOURCES + UN_GA_SOURCES + KZ_SOURCES


@pytest.fixture(scope="module")
def areas():
    return load("contested_areas")


@pytest.fixture(scope="module")
def source_ids():
    return set(load("sources")["source_id"])


def cited(row, columns):
    return {row[c] for c in columns if not pd.isna(row[c])}


def test_loads_through_the_project_loader(areas):
    assert len(areas) == len(EXPECTED)
    assert pd.api.types.is_datetime64_any_dtype(areas["as_of"])
    for column in ["area_id", "name", "administered_by", "claimed_by", "note", "source_id"]:
        assert areas[column].notna().all(), f"{column} has empty cells"


def test_ids_are_unique_and_exactly_the_expected_set(areas):
    ids = list(areas["area_id"])
    assert len(ids) == len(set(ids)), "duplicate area_id"
    assert set(ids) == EXPECTED


def test_every_source_id_is_in_sources_csv(areas, source_ids):
    used = {v for c in ALL_SOURCES for v in areas[c].dropna()}
    assert used, "no sources cited"
    assert not used - source_ids, f"not in sources.csv: {sorted(used - source_ids)}"


def test_every_row_has_at_least_two_sources(areas):
    for _, row in areas.iterrows():
        assert len(cited(row, ROW_SOURCES)) >= 2, f"{row.area_id}: fewer than two sources"


@pytest.mark.parametrize(
    "column, source_columns", [("un_ga", UN_GA_SOURCES), ("kazakhstan_position", KZ_SOURCES)]
)
def test_every_resolution_and_kazakh_position_cites_two_sources(areas, column, source_columns):
    for _, row in areas.iterrows():
        sources = cited(row, source_columns)
        if pd.isna(row[column]):
            assert not sources, f"{row.area_id}: {column} sources without a {column} cell"
        else:
            assert len(sources) >= 2, f"{row.area_id}: {column} cites fewer than two sources"


def test_un_ga_cells_name_a_resolution_and_a_date(areas):
    for value in areas["un_ga"].dropna():
        assert re.search(r"\d", value) and re.search(r"(19|20)\d\d", value), value


def test_the_crimea_vote_is_recorded(areas):
    crimea = areas.set_index("area_id").loc["crimea"]
    assert crimea["un_ga"].startswith("68/262")
    assert "27 March 2014" in crimea["un_ga"]
    assert "Abstained" in crimea["kazakhstan_position"]


def test_notes_use_a_neutral_voice(areas):
    """No 'occupied' or 'liberated' in our own words (a source may say so, not we)."""
    for column in ["administered_by", "claimed_by", "note", "kazakhstan_position"]:
        for area_id, text in zip(areas["area_id"], areas[column]):
            if pd.isna(text):
                continue
            assert not re.search(r"\b(occupied|occupation|liberat\w*|illegal\w*)\b", text, re.I), (
                f"{area_id}.{column}: {text}"
            )
