"""The known traps from checking many sources (CONTENT.md), held by the data.

Each test names a mistake that is easy to make and that other sources make.
"""

import pandas as pd

from utils import load


def membership(org_id):
    rows = load("memberships")
    return rows[rows["org_id"] == org_id].iloc[0]


def milestone(milestone_id):
    rows = load("milestones").set_index("milestone_id")
    return rows.loc[milestone_id]


def test_border_lengths_disagree_between_sources_and_one_is_preferred():
    borders = load("borders")
    per_neighbour = borders.groupby("neighbour_iso3")
    assert (per_neighbour["length_km"].nunique() > 1).all(), (
        "each border should show its disagreement"
    )
    assert (per_neighbour["preferred"].sum() == 1).all(), (
        "exactly one preferred figure per neighbour"
    )
    assert borders["neighbour_iso3"].nunique() == 5


def test_customs_union_is_not_the_eaeu():
    cu, eaeu = membership("CU"), membership("EAEU")
    assert cu["in_force"].year == 2010
    assert eaeu["in_force"] == pd.Timestamp("2015-01-01")
    assert eaeu["signed"] == pd.Timestamp("2014-05-29")


def test_wto_membership_took_effect_in_november_2015_not_july():
    wto = membership("WTO")
    assert (wto["in_force"].year, wto["in_force"].month) == (2015, 11)
    assert wto["signed"].month == 7, "July 2015 is the signing of the accession protocol"


def test_npt_is_not_the_lisbon_protocol():
    lisbon = milestone("lisbon-protocol-1992")
    ratified, acceded = milestone("npt-ratification-1993"), milestone("npt-accession-1994")
    assert lisbon["date"].year == 1992
    assert ratified["date"].year == 1993 and acceded["date"].year == 1994


def test_nato_partner_never_member():
    assert membership("NATO")["status"] == "partner"
    members = load("organization_members")
    assert members[(members["org_id"] == "NATO") & (members["iso3"] == "KAZ")].empty


def test_csto_treaty_in_tashkent_charter_in_chisinau():
    assert milestone("cst-tashkent-1992")["place"] == "tashkent"
    assert milestone("csto-charter-2002")["place"] == "chisinau"
    assert milestone("cst-tashkent-1992")["date"].year == 1992
    assert milestone("csto-charter-2002")["date"].year == 2002


def test_eaeu_abbreviation_is_eaeu_and_eurasec_is_a_different_body():
    orgs = load("organizations").set_index("org_id")
    assert orgs.loc["EAEU", "abbreviation"] == "EAEU"
    assert orgs.loc["EURASEC", "abbreviation"] == "EurAsEC"
    assert orgs.loc["EURASEC", "founded"] < orgs.loc["EAEU", "founded"]


def test_capital_names_in_order():
    capitals = load("capitals").sort_values("start", na_position="first")
    names = list(capitals["name"])
    assert names[-3:] == ["Astana", "Nur-Sultan", "Astana"]
    assert capitals["end"].isna().sum() == 1, "only the current name has no end date"


def test_head_of_state_today_is_tokayev_since_2019():
    leaders = load("leaders")
    current = leaders[leaders["end"].isna()]
    assert len(current) == 1
    assert "Tokayev" in current.iloc[0]["person"]
    assert current.iloc[0]["start"].year == 2019


def test_osce_chair_2010_and_oic_cfm_2011():
    assert milestone("osce-chair-2010")["date"].year == 2010
    assert milestone("oic-cfm-astana-2011")["date"].year == 2011


def test_unsc_term_2017_2018():
    assert milestone("unsc-term-2017")["date"] == pd.Timestamp("2017-01-01")


def test_csto_is_not_older_than_its_charter():
    """The 1992 Collective Security Treaty is a treaty; the organisation dates from the 2002 Charter."""
    founded = load("organizations").set_index("org_id").loc["CSTO", "founded"]
    csto = membership("CSTO")
    assert csto["signed"] >= founded and csto["joined"] >= founded and csto["joined_year"] >= 2002
    assert pd.isna(milestone("cst-tashkent-1992")["org_id"]), "the treaty is not the organisation"


def test_project_sapphire_was_announced_in_november_1994():
    announced = milestone("sapphire-announced-1994")
    assert announced["date"] == pd.Timestamp("1994-11-23")
    assert "December" in announced["note"], (
        "the source's December date is recorded as a disagreement"
    )


def test_silo_count_shows_its_spread():
    silos = load("nuclear_figures").query("item == 'ICBM silos dismantled'")["value"]
    assert {100, 104} <= set(silos)
