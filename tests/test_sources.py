"""Source quality: every source has a kind, weak sources are defined in one place (the schema of
sources.csv), and no fact rests on weak sources alone unless its row says so (`single-source`).
"""

import json
import re

import pandas as pd
import pytest

from utils import load
from utils.paths import DATA

PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
TABLES = sorted(r["name"] for r in PACKAGE["resources"] if r["name"] != "sources")
KINDS = ["primary-official", "treaty-text", "scholarly", "reference", "news", "secondary-web"]


def source_field(name):
    schema = json.loads((DATA / "schemas" / "sources.schema.json").read_text(encoding="utf-8"))
    return next(f for f in schema["fields"] if f["name"] == name)


def weak_sources() -> set:
    """Ids of the weak sources: those with a reason in the `weak` column (see its schema)."""
    sources = load("sources")
    return set(sources.loc[sources["weak"].notna(), "source_id"])


def test_the_six_kinds_are_the_schema_enum():
    assert source_field("kind")["constraints"]["enum"] == KINDS
    assert set(load("sources")["kind"]) <= set(KINDS)


def test_weak_is_defined_once_with_its_reasons():
    reasons = source_field("weak")["constraints"]["enum"]
    for reason in [
        "wikipedia-copy",
        "blog",
        "company-directory",
        "exam-preparation",
        "qa-site",
        "unofficial-copy",
    ]:
        assert reason in reasons
    assert len(weak_sources()) > 0


def fact_groups(frame):
    """Per row, the groups of source columns that back one fact each: the main pair
    (source_id, source_id_2, ...) and each special-purpose column (hq_source_id, ...)."""
    main = [c for c in frame.columns if re.fullmatch(r"source_id(_\d+)?", c)]
    special = [c for c in frame.columns if c.endswith("source_id") and c not in main]
    return [main] + [[c] for c in special]


def weak_only_problems(name, frame, weak):
    """One line per row whose sources for a fact are all weak and which is not marked."""
    problems = []
    for index, row in frame.iterrows():
        marked = row.get("sourcing") == "single-source"
        for group in fact_groups(frame):
            ids = [row[c] for c in group if isinstance(row[c], str)]
            if ids and all(i in weak for i in ids) and not marked:
                problems.append(f"{name} line {index + 2}: {', '.join(group)} = {ids}, all weak")
    return problems


@pytest.mark.parametrize("name", TABLES)
def test_no_fact_rests_on_weak_sources_alone(name):
    problems = weak_only_problems(name, load(name), weak_sources())
    assert not problems, "\n".join(problems)


def test_the_weak_sources_check_can_fail():
    """A row whose only sources are weak is caught, in any source column, unless it is marked."""
    weak = {"a-wikipedia-copy", "a-blog"}
    frame = pd.DataFrame(
        {
            "source_id": ["a-wikipedia-copy", "a-wikipedia-copy", "an-agency", "an-agency"],
            "source_id_2": ["a-blog", "an-agency", None, None],
            "hq_source_id": [None, None, "a-blog", "a-blog"],
            "sourcing": [None, None, None, "single-source"],
        }
    )
    problems = weak_only_problems("demo", frame, weak)
    assert len(problems) == 2
    assert "line 2" in problems[0] and "line 4: hq_source_id" in problems[1]


# Each row of nuclear_figures records one source's own figure (the disagreements are the lesson),
# so a second source for the same number is not expected there.
ONE_SOURCE_BY_DESIGN = {"nuclear_figures"}


def source_ids(row):
    return {row[c] for c in row.index if c.startswith("source_id") and isinstance(row[c], str)}


def sourcing_problems(name, frame):
    """One line per row that has fewer than two distinct sources and is not marked single-source,
    or that is marked single-source and has no source at all."""
    problems = []
    for index, row in frame.iterrows():
        n = len(source_ids(row))
        marked = row.get("sourcing") == "single-source"
        if n < 2 and not marked:
            problems.append(f"{name} line {index + 2}: one source and not marked single-source")
        if marked and n == 0:
            problems.append(f"{name} line {index + 2}: marked single-source without a source")
    return problems


@pytest.mark.parametrize("name", TABLES)
def test_two_sources_or_marked_single_source(name):
    frame = load(name)
    if "sourcing" not in frame.columns or name in ONE_SOURCE_BY_DESIGN:
        return
    problems = sourcing_problems(name, frame)
    assert not problems, "\n".join(problems)


def test_the_sourcing_check_can_fail():
    frame = pd.DataFrame(
        {
            "source_id": ["a", "a", "a", "a"],
            "source_id_2": [None, "b", "a", None],
            "sourcing": [None, None, None, "single-source"],
        }
    )
    problems = sourcing_problems("demo", frame)
    assert len(problems) == 2
    assert "line 2" in problems[0] and "line 4" in problems[1]


@pytest.mark.parametrize("name", TABLES)
def test_single_source_rows_say_why(name):
    """Where a table has a note, a row marked single-source says there what rests on one source."""
    frame = load(name)
    if "sourcing" not in frame.columns or "note" not in frame.columns:
        return
    for index, row in frame[frame["sourcing"] == "single-source"].iterrows():
        note = str(row["note"]).lower()
        assert any(
            w in note
            for w in [
                "single source",
                "single-source",
                "one source",
                "only",
                "not confirmed",
                "no other source",
            ]
        ), f"{name} line {index + 2}: say in the note what rests on one source"


def test_kind_counts_are_stated_in_the_data_readme():
    counts = load("sources")["kind"].value_counts()
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for kind, count in counts.items():
        assert f"{kind} {count}" in readme, f"data/README.md should say '{kind} {count}'"


def test_access_dates_are_real_reading_dates():
    accessed = load("sources")["accessed"]
    assert accessed.notna().all()
    assert accessed.max() <= pd.Timestamp("2026-12-02")


FIRST_READING, PASS_READING = pd.Timestamp("2026-11-28"), pd.Timestamp("2026-12-02")


def test_access_dates_say_whether_a_source_was_re_read():
    """`accessed` is the one record of re-reading (data/README.md, "As of"): 2026-11-28 means not
    re-read in the 2026-12 pass, 2026-12-02 read or re-read then; the README's counts hold."""
    sources = load("sources")
    assert set(sources["accessed"]) <= {FIRST_READING, PASS_READING}
    readme = " ".join((DATA / "README.md").read_text(encoding="utf-8").split())
    first = int((sources["accessed"] == FIRST_READING).sum())
    again = int((sources["accessed"] == PASS_READING).sum())
    assert f"not re-read in the 2026-12 pass* ({first} sources)" in readme
    assert f"read or re-read on that day ({again} sources" in readme


def test_a_source_said_to_be_re_read_has_the_later_date():
    sources = load("sources")
    note = sources["note"].fillna("").str.lower()
    said_reread = note.str.contains(r"\bre-read\b") & ~note.str.contains("not re-read")
    wrong = sources[said_reread & (sources["accessed"] != PASS_READING)]["source_id"]
    assert wrong.empty, f"notes say re-read but accessed is older: {list(wrong)}"
    said_not = note.str.contains("not re-read")
    wrong = sources[said_not & (sources["accessed"] == PASS_READING)]["source_id"]
    assert wrong.empty, f"notes say not re-read but accessed is the pass's date: {list(wrong)}"


def test_headquarters_in_capitals_agree_with_the_factbook():
    """GeoNames headquarters coordinates, checked against a second source where one exists: the
    Factbook's capital coordinates, for seats that are national capitals."""
    organizations = load("organizations").dropna(subset=["hq_lat"])
    countries = load("countries").set_index("iso3")
    checked = 0
    for _, org in organizations.iterrows():
        country = countries.loc[org["hq_country_iso3"]]
        if country["capital"] != org["hq_city"]:
            continue
        checked += 1
        assert abs(org["hq_lat"] - country["capital_lat"]) < 0.05, org["org_id"]
        assert abs(org["hq_lon"] - country["capital_lon"]) < 0.05, org["org_id"]
    assert checked >= 9
