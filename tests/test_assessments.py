"""Notebook 08's tables: assessments of the seed text's claims, published lists for its "firsts",
and the known copies of the text.

The schemas check types, keys and sources; these tests say what they cannot: every row is
attributed and sourced as it says, index values sit inside their scales, the lists give the
answers the notebook teaches, and the independence caveat on CSIS stays visible.
"""

import pandas as pd
import pytest

from utils import load
from utils.course import nb08


def count_sources(row):
    return len({row[c] for c in ["source_id", "source_id_2"] if not pd.isna(row[c])})


@pytest.fixture(scope="module")
def assessments():
    return load("assessments")


@pytest.fixture(scope="module")
def lists():
    return load("published_lists")


@pytest.mark.parametrize("table", ["assessments", "published_lists"])
def test_sourcing_matches_the_number_of_sources(table):
    for _, row in load(table).iterrows():
        n = count_sources(row)
        if row["sourcing"] == "single-source":
            assert n == 1, f"{table}: a single-source row names {n} sources: {row.iloc[0]}"
        else:
            assert n == 2, (
                f"{table}: a row without 'single-source' needs two sources: {row.iloc[0]}"
            )


def test_index_rows_have_a_scale_and_stay_inside_it(assessments):
    indices = assessments[assessments["assessor_kind"] == "index"]
    valued = indices[indices["value"].notna()]
    assert len(valued) >= 3, "at least three index values to compare"
    assert valued["measure"].notna().all()
    assert (valued["scale_min"] < valued["scale_max"]).all()
    assert (
        (valued["value"] >= valued["scale_min"]) & (valued["value"] <= valued["scale_max"])
    ).all()
    assert assessments[assessments["assessor_kind"] != "index"]["value"].isna().all(), (
        "only index rows carry a value"
    )


def test_the_figures_read_are_kept(assessments):
    rows = assessments.set_index("assessment_id")
    assert rows.loc["fh-fiw-2024", "value"] == 23
    assert rows.loc["fh-nit-2023", "value"] == 1.32
    assert rows.loc["eiu-2024", "value"] == 3.08
    assert pd.isna(rows.loc["eiu-2023", "value"]), "no source read gave the 2023 EIU score"


def test_disagreeing_observers_stay_side_by_side(assessments):
    on_2023 = assessments[assessments["subject"].str.contains("19 March 2023")]
    assert {"odihr", "observer-mission"} <= set(on_2023["assessor_kind"])
    on_2022 = assessments[assessments["subject"].str.contains("20 November 2022")]
    assert {"odihr", "government", "observer-mission"} <= set(on_2022["assessor_kind"])


def test_every_claim_has_more_than_one_voice(assessments):
    for claim, group in assessments.groupby("claim", observed=True):
        assert group["assessor"].nunique() >= 3, f"claim {claim}: too few voices"
    impartial = assessments[assessments["claim"] == "8a"]
    assert impartial["assessor"].str.contains("Kazakhstan").any()
    assert (~impartial["assessor"].str.contains("Kazakhstan")).sum() >= 3


def test_csis_is_not_presented_as_independent(assessments):
    csis = assessments[assessments["assessor"].str.contains("CSIS")]
    assert len(csis) == 1
    assert "government of Kazakhstan" in csis["note"].iloc[0]
    assert "s16-csis-taskforce" in csis["note"].iloc[0]


def test_the_lists_answer_what_the_notebook_teaches(lists):
    first_time = lists[lists["list_id"] == "unsc-first-time"]
    assert len(first_time) == 20
    assert first_time.set_index("iso3").loc["KAZ", "year"] == 2016
    assert set(first_time[first_time["central_asian"]]["iso3"]) == {"KAZ"}
    assert nb08.soviet_members_before_kazakhstan() == ["AZE", "LTU"]
    chairs = lists[lists["list_id"] == "osce-chair"]
    assert chairs["year"].is_unique, "one chair per year"
    assert chairs.set_index("year").loc[2010, "iso3"] == "KAZ"
    before = chairs[chairs["year"] < 2010]
    assert not (before["former_soviet"] | before["central_asian"]).any()
    assert set(range(1992, 2016)) <= set(chairs["year"]), "the chairs from 1992 on are complete"


def test_central_asian_states_are_former_soviet(lists):
    assert (~lists["central_asian"] | lists["former_soviet"]).all()


def test_index_gap_exercise_rescales_from_the_bottom_of_each_scale():
    assert nb08.largest_index_gap() == pytest.approx(30.8 - 100 * 0.32 / 6)
    assert nb08.largest_gap_from_zero() != pytest.approx(nb08.largest_index_gap())


def test_text_versions_say_what_is_not_known():
    versions = load("text_versions")
    assert set(versions["relation"]) == {"same text", "related text"}
    copy = versions[versions["relation"] == "same text"]
    assert copy["dating"].str.contains("No author or date").all()
