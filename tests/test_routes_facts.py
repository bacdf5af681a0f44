"""Truth pass (issue 14) on routes, facts, capitals and leaders: every row has two independent
sources or says it rests on one, and the disagreements the pass found stay visible in the notes.
"""

import pandas as pd
import pytest

from utils import load

TABLES = ["routes", "facts", "capitals", "leaders"]


@pytest.mark.parametrize("name", TABLES)
def test_each_table_has_a_sourcing_column(name):
    """The two-sources-or-marked rule itself is checked for every table in test_sources.py."""
    assert "sourcing" in load(name).columns


def test_cpc_length_shows_both_figures():
    routes = load("routes").set_index(["route_id", "seq"])
    start = routes.loc[("cpc-pipeline", 1)]
    assert "1,580 km" in start["note"] and "1,511 km" in start["note"]
    assert start["source_id_3"] == "ms-cpc-gorban-2021"
    terminal = routes.loc[("cpc-pipeline", 2)]
    assert "13 October" in terminal["note"] and "15 October" in terminal["note"]


def test_ferry_times_have_a_second_source_and_say_where_it_may_come_from():
    routes = load("routes")
    timed = routes[routes["note"].str.contains("hours")]
    assert len(timed) == 2
    assert timed["source_id_2"].notna().all()
    kuryk = timed[timed["route_id"] == "trans-caspian-kuryk"].iloc[0]
    assert "one statement" in kuryk["note"], "say that the reports may share one origin"


def test_the_khorgos_kuryk_train_is_marked_single_source():
    routes = load("routes").set_index(["route_id", "seq"])
    assert routes.loc[("trans-caspian-kuryk", 1), "sourcing"] == "single-source"


def test_khan_tengri_keeps_the_factbook_value_beside_the_kazakh_one():
    facts = load("facts").set_index("fact_id")
    assert facts.loc["kz_elevation_highest_m", "value"] == 7010
    assert facts.loc["kz_elevation_highest_m", "source_id"] == "factbook-2026-01"
    assert facts.loc["kz_elevation_highest_m_kz", "value"] == 6995
    assert "6,995" in facts.loc["kz_elevation_highest_m", "note"]


def test_population_keeps_first_and_revised_figures():
    facts = load("facts").set_index("fact_id")
    first = facts.loc["kz_population_bns"]
    revised = facts.loc["kz_population_bns_revised"]
    assert first["value"] == 20286084 and revised["value"] == 20283399
    assert first["as_of"] == revised["as_of"] == pd.Timestamp("2025-01-01")
    assert "20,283,399" in first["note"]
    assert facts.loc["kz_population_factbook", "source_id"] == "factbook-2026-01"


def test_capital_dates_disagreements_are_shown():
    capitals = load("capitals").set_index("name")
    akmola = capitals.loc["Akmola", "note"]
    assert "6 Jul 1994" in akmola and "6 June 1994" in akmola
    alma_ata = capitals.loc["Alma-Ata / Almaty", "note"]
    assert "1929" in alma_ata and "1927" in alma_ata
    assert pd.isna(capitals.loc["Alma-Ata / Almaty", "start"])


def test_no_leader_rests_on_wikipedia():
    leaders = load("leaders")
    weak = set(load("sources").dropna(subset=["weak"])["source_id"])
    for _, row in leaders.iterrows():
        assert not ({row["source_id"], row["source_id_2"]} & weak), row["person"]
