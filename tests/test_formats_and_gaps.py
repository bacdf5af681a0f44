"""Issue 15: the 'Central Asia plus one' formats (format_meetings.csv) and the milestones added
for notebooks 04-06. What the schemas cannot say: a summit shared with notebook 11's table has
the same date there, each format starts before its first leaders' summit, and the traps the
sources set (signature, ratification and entry into force of the CTBT; the host of the Syria
talks is not a guarantor; 26 or 28 February 1989) stay visible.
"""

import pandas as pd
import pytest

from utils import load

SOURCES = ["source_id", "source_id_2", "source_id_3"]


@pytest.fixture(scope="module")
def meetings():
    return load("format_meetings")


@pytest.fixture(scope="module")
def milestones():
    return load("milestones").set_index("milestone_id")


def same_period(a, b, precision):
    if precision == "month":
        return (a.year, a.month) == (b.year, b.month)
    return a == b


def test_shared_summits_agree_with_notebook_11(meetings):
    events = load("events_since_2022").set_index("event_id")
    linked = meetings.dropna(subset=["event_id"])
    assert len(linked) >= 6
    for row in linked.itertuples():
        event = events.loc[row.event_id]
        coarser = "month" if "month" in (row.date_precision, event["date_precision"]) else "day"
        assert same_period(row.date, event["date"], coarser), (
            f"{row.meeting_id}: {row.date.date()} disagrees with {row.event_id}"
        )
        if not pd.isna(row.place):
            assert event["place"] == row.place, row.meeting_id


def test_every_format_starts_before_its_first_leaders_summit(meetings):
    for name, rows in meetings.groupby("format", observed=True):
        first = rows["date"].min()
        summit = rows.loc[rows["level"] == "leaders", "date"].min()
        assert first <= summit, name


def test_meetings_are_in_date_order_and_sourced(meetings):
    assert meetings["date"].is_monotonic_increasing
    for row in meetings.itertuples():
        n = len({getattr(row, c) for c in SOURCES if isinstance(getattr(row, c), str)})
        if pd.isna(row.sourcing):
            assert n >= 2, f"{row.meeting_id}: two sources, or say single-source"
        else:
            assert isinstance(row.note, str), f"{row.meeting_id}: explain {row.sourcing}"


def test_the_c5plus1_start_is_shown_as_disputed(meetings):
    c5 = meetings[(meetings["format"] == "C5+1") & (meetings["date"].dt.year == 2015)]
    assert set(c5["place"]) == {"new-york", "samarkand"}
    assert "EADaily" in c5.iloc[0]["note"]


def test_online_meetings_have_no_place(meetings):
    online = meetings[meetings["level"] == "leaders-online"]
    assert len(online) == 1 and online["place"].isna().all()


def test_ctbt_steps_are_kept_apart(milestones):
    signed = milestones.loc["ctbt-signed-1996", "date"]
    ratified = milestones.loc["ctbt-ratified-2001", "date"]
    assert signed == pd.Timestamp("1996-09-30") and ratified == pd.Timestamp("2001-12-14")
    assert not any("ctbt" in i and "force" in i for i in milestones.index), (
        "the CTBT is not in force: no milestone may say it entered into force"
    )
    assert "not in force" in milestones.loc["ctbt-ratified-2001", "description"]
    assert "14 May 2002" in milestones.loc["ctbt-ratified-2001", "note"]


def test_nevada_semipalatinsk_dates_disagree_visibly(milestones):
    row = milestones.loc["nevada-semipalatinsk-1989"]
    assert row["date"] == pd.Timestamp("1989-02-28")
    assert "26 February" in row["note"] and row["sourcing"] == "single-source"


def test_start_and_budapest_share_a_day_and_stay_apart(milestones):
    assert milestones.loc["start-in-force-1994", "date"] == pd.Timestamp("1994-12-05")
    assert milestones.loc["budapest-memorandum-1994", "date"] == pd.Timestamp("1994-12-05")
    assert milestones.loc["start-in-force-1994", "category"] == "nuclear"
    assert milestones.loc["budapest-memorandum-1994", "category"] == "security"


def test_kazakhstan_hosts_the_syria_talks_and_they_did_not_end_in_2023(milestones):
    announced = milestones.loc["astana-process-20th-2023"]
    assert "host" in announced["description"]
    for guarantor in ["Russia", "Turkey", "Iran"]:
        assert guarantor in announced["description"]
    later = [i for i in milestones.index if i.startswith("astana-process-")]
    after = [i for i in later if milestones.loc[i, "date"] > announced["date"]]
    assert len(after) >= 2, "rounds 21 and 22 followed the announcement"


def test_human_rights_council_elections(milestones):
    assert milestones.loc["hrc-election-2012", "date"] == pd.Timestamp("2012-11-12")
    assert (
        "13 November" in load("sources").set_index("source_id").loc["ms-jamestown-hrc-2012", "note"]
    )
    assert milestones.loc["hrc-election-2021", "sourcing"] == "single-source"


def test_cica_history_in_order(milestones):
    steps = [
        "cica-proposal-1992",
        "cica-ministerial-1999",
        "cica-first-summit-2002",
        "cica-second-summit-2006",
        "cica-transformation-2022",
    ]
    dates = [milestones.loc[s, "date"] for s in steps]
    assert dates == sorted(dates)
    organizations = load("organizations").set_index("org_id")
    assert organizations.loc["CICA", "founded"] == milestones.loc["cica-ministerial-1999", "date"]
    assert (
        "does not itself make CICA an organisation"
        in milestones.loc["cica-transformation-2022", "note"]
    )
