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


@pytest.mark.parametrize("name", TABLES)
def test_no_fact_rests_on_weak_sources_alone(name):
    weak = weak_sources()
    frame = load(name)
    problems = []
    for index, row in frame.iterrows():
        marked = row.get("sourcing") == "single-source"
        for group in fact_groups(frame):
            ids = [row[c] for c in group if isinstance(row[c], str)]
            if ids and all(i in weak for i in ids) and not marked:
                problems.append(f"{name} line {index + 2}: {', '.join(group)} = {ids}, all weak")
    assert not problems, "\n".join(problems)


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
