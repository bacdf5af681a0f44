"""Notebook 11's tables: events since 2022, their figures, and the UN General Assembly votes.

The schemas check types, keys and sources; these tests say what they cannot: the evidence
column matches the number of sources, disagreements stay visible, and the dates that sources
get wrong stay right.
"""

import pandas as pd
import pytest

from utils import load

SOURCES = ["source_id", "source_id_2", "source_id_3"]


def count_sources(row):
    return len({row[c] for c in SOURCES if c in row and not pd.isna(row[c])})


@pytest.fixture(scope="module")
def events():
    return load("events_since_2022")


@pytest.fixture(scope="module")
def votes():
    return load("unga_votes")


@pytest.mark.parametrize("table", ["events_since_2022", "unga_votes"])
def test_evidence_matches_the_sources(table):
    for _, row in load(table).iterrows():
        n = count_sources(row)
        if row["evidence"] == "single source":
            assert n == 1, f"{table}: a single-source row names {n} sources: {row.iloc[0]}"
        else:
            assert n >= 2, f"{table}: {row['evidence']!r} needs two sources: {row.iloc[0]}"


def test_single_source_rows_say_so_in_a_note(events):
    weak = events[events["evidence"] != "two or more sources"]
    assert weak["note"].notna().all(), "every weak event explains itself in its note"


def test_events_start_in_2022_and_are_in_order_of_date(events):
    assert events["date"].min() >= pd.Timestamp("2022-01-01")
    assert events["date"].is_monotonic_increasing


def test_csto_dates():
    dates = load("events_since_2022").set_index("event_id")["date"]
    assert dates["jan2022-csto-request"] == pd.Timestamp("2022-01-05")
    assert dates["jan2022-csto-decision"] == pd.Timestamp("2022-01-06")
    assert dates["jan2022-withdrawal-complete"] == pd.Timestamp("2022-01-19")


def test_disagreeing_figures_stay_side_by_side():
    figures = load("figures_since_2022")
    force = figures[figures["measure"] == "CSTO force size"]["value"]
    assert force.nunique() >= 2, "the force sizes sources give must all be kept"
    turnout = figures[
        (figures["event_id"] == "referendum-2022") & (figures["measure"] == "turnout")
    ]
    assert set(turnout["value"]) == {68.44, 68.06}
    for measure, group in figures.groupby("measure"):
        assert group["unit"].nunique() == 1, f"{measure}: one unit per measure"


def test_un_vote_dates_and_totals():
    resolutions = load("unga_resolutions").set_index("resolution")
    assert resolutions.loc["ES-11/1", "date"] == pd.Timestamp("2022-03-02"), "not 3 March"
    assert resolutions.loc["68/262", "date"] == pd.Timestamp("2014-03-27")
    assert tuple(resolutions.loc["68/262", ["yes", "no", "abstain"]]) == (100, 11, 58)
    assert (resolutions[["yes", "no", "abstain"]].sum(axis=1) <= 193).all()


def test_every_central_asian_state_is_recorded_on_the_territorial_texts(votes):
    central_asia = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    for resolution in ["68/262", "ES-11/1", "ES-11/4", "ES-11/6"]:
        recorded = set(votes[votes["resolution"] == resolution]["iso3"])
        assert central_asia <= recorded, f"{resolution}: missing {central_asia - recorded}"


def test_kazakhstan_never_recorded_voting_yes_and_only_against_on_the_hrc_text(votes):
    kaz = votes[votes["iso3"] == "KAZ"].set_index("resolution")["vote"]
    assert "yes" not in set(kaz)
    assert set(kaz[kaz == "no"].index) == {"ES-11/3"}


def test_second_pass_dates_and_sources(events):
    """The truth pass of 2026-12-02 (issue 14) dated the virtual summit to the day and found second
    sources for the two sanctions statements; none of that may silently fall back."""
    rows = events.set_index("event_id")
    virtual = rows.loc["china-ca-virtual-2022"]
    assert virtual["date"] == pd.Timestamp("2022-01-25") and virtual["date_precision"] == "day"
    assert virtual["evidence"] == "single origin", "all its sources relay Chinese statements"
    for event_id in ["sanctions-position-2022-03", "tileuberdi-nhk-2022-12"]:
        assert count_sources(rows.loc[event_id]) >= 2, event_id


def test_later_texts_keep_unfound_votes_and_symbols_missing(votes):
    """ES-11/7 (2025) and the text of 24 February 2026 were added from news reports (2026-12-02):
    a vote no source gives stays absent, and no UN symbol is made up for the 2026 text."""
    resolutions = load("unga_resolutions").set_index("resolution")
    assert tuple(resolutions.loc["ES-11/7", ["yes", "no", "abstain"]]) == (93, 18, 65)
    latest = resolutions[resolutions["date"] == pd.Timestamp("2026-02-24")]
    assert len(latest) == 1 and latest.index[0] == "2026-02-24 (symbol not found)"
    assert tuple(latest.iloc[0][["yes", "no", "abstain"]]) == (107, 12, 51)
    es11_7 = set(votes[votes["resolution"] == "ES-11/7"]["iso3"])
    assert not {"KAZ", "KGZ", "TJK", "TKM"} & es11_7, "not found in any source read"
    assert {"UZB", "RUS", "CHN", "USA"} <= es11_7
    in_2026 = votes[votes["resolution"] == latest.index[0]].set_index("iso3")["vote"]
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB"} <= set(in_2026.index)
    assert in_2026["TKM"] == "not voting" and in_2026["USA"] == "abstain"
