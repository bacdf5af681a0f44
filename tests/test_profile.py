"""The partner profile (utils/profile.py) works for every country in data/countries.csv."""

import pandas as pd
import pytest

from utils import country_profile, find_country, load
from utils.countries import UnknownCountryError
from utils.errors import LearnerError
from utils.profile import SECTIONS

COUNTRIES = load("countries")


@pytest.mark.slow
def test_every_country_has_a_profile():
    """Build the full profile, with its map, timeline and sources, for every country."""
    built = 0
    for iso3 in COUNTRIES["iso3"]:
        profile = country_profile(iso3)
        assert profile.iso3 == iso3
        for section in SECTIONS:
            assert isinstance(getattr(profile, section), pd.DataFrame), (iso3, section)
        text = profile.describe()
        assert isinstance(text, str) and profile.name in text and "\n" not in text
        assert repr(profile) == text
        assert not profile.sources().empty
        events = profile.timeline_events()
        assert list(events["date"]) == sorted(events["date"])
        figure = profile.timeline()
        assert (figure is None) == events.empty, iso3
        m = profile.map()
        if profile.distance.empty:
            assert m is None, iso3
        else:
            assert m.describe().startswith("A line from Astana to ")
            assert m.table()["distance_km"].iloc[0] == profile.distance["distance_km"].iloc[0]
        built += 1
    assert built == len(COUNTRIES) == 250  # data/README.md: 250 entries


def test_sections_match_the_tables():
    china = country_profile("China")
    relations = load("diplomatic_relations").set_index("iso3").loc["CHN"]
    assert china.relations["relations_established"].iloc[0] == relations["relations_established"]
    assert set(china.memberships["org_id"]) == {"SCO", "CICA"}
    trade = load("trade")
    assert len(china.trade) == (trade["partner_iso3"] == "CHN").sum()
    assert set(china.milestones["milestone_id"]) == set(
        load("milestones").query("iso3 == 'CHN'")["milestone_id"]
    )
    assert 3000 < china.distance["distance_km"].iloc[0] < 4000


def test_memberships_need_both_states_listed():
    turkey = country_profile("TUR")
    assert "NATO" not in set(turkey.memberships["org_id"])  # Kazakhstan is a partner, not listed
    sco = turkey.memberships.set_index("org_id").loc["SCO"]
    assert sco["status"] == "dialogue partner" and sco["kazakhstan_status"] == "member"


def test_kazakhstan_itself_and_countries_without_data():
    kazakhstan = country_profile("Kazakhstan")
    assert kazakhstan.distance.empty and kazakhstan.map() is None
    assert "Kazakhstan itself" in kazakhstan.describe()
    nauru = country_profile("NRU")  # no capital in the data, no relations, no trade
    assert nauru.distance.empty and nauru.relations.empty and nauru.trade.empty
    assert nauru.map() is None and nauru.timeline() is None


@pytest.mark.parametrize("given", ["china", "CHN", "chn", " China ", "People's Republic of China"])
def test_names_aliases_and_codes(given):
    assert find_country(given) == "CHN"


@pytest.mark.parametrize("given", ["Chna", "Atlantis", "", "   ", 42, None, ["CHN"], 3.5])
def test_unknown_country_is_one_line(given):
    with pytest.raises(UnknownCountryError) as info:
        country_profile(given)
    assert isinstance(info.value, LearnerError)
    message = str(info.value)
    assert message and "\n" not in message and len(message) < 300


def test_a_near_miss_suggests_the_name():
    with pytest.raises(UnknownCountryError, match="did you mean 'China'"):
        country_profile("Chna")


def test_new_dimensions_for_the_five_partners():
    russia = country_profile("Russia")
    assert russia.alliances() == ["CSTO"]
    assert "treaty ally of Kazakhstan through: CSTO" in russia.describe()
    assert set(russia.ties["kind"]) >= {"treaty alliance", "economic union"}
    assert russia.vote_agreement() == 16.7  # 1 of 6: ES-11/7 has no Kazakh vote in the data
    assert "16.7% of the 6 resolution(s)" in russia.describe()
    assert russia.summits.empty and "none recorded" in russia.describe()
    china = country_profile("CHN")
    assert china.alliances() == [] and china.vote_agreement() == 100.0
    assert len(china.summits) == 3 and set(china.summits["format"]) == {"China-Central Asia"}
    assert "16% of Kazakhstan's exports and 28% of Kazakhstan's imports" in china.describe()
    usa = country_profile("United States")
    assert usa.vote_agreement() == 33.3 and len(usa.summits) == 2  # both abstained in 2026
    assert "33.3% of the 3 resolution(s)" in usa.describe()
    assert "4% of Kazakhstan's imports" in usa.describe()  # not among the listed export partners
    assert "partnership programme" in usa.describe()


def test_votes_sit_next_to_kazakhstans():
    votes = country_profile("TUR").votes
    assert list(votes["resolution"]) == [
        "ES-11/1",
        "ES-11/3",
        "ES-11/4",
        "ES-11/7",
        "2026-02-24 (symbol not found)",
    ]
    assert set(votes["vote"]) == {"yes"}
    assert set(votes["kazakhstan_vote"].dropna()) == {"abstain", "no"}
    assert votes["kazakhstan_vote"].isna().sum() == 1  # ES-11/7: Kazakhstan's vote not found
    assert (votes.loc[votes["resolution"] == "ES-11/3", "evidence"] == "single source").all()
    sources = country_profile("TUR").sources()["source_id"]
    assert {"mv-ahval-es11-3", "mv-finansingundemi-es11-4"} <= set(sources)


def test_alliances_are_found_for_any_csto_member():
    for iso3 in ["ARM", "BLR", "KGZ", "TJK"]:
        assert country_profile(iso3).alliances() == ["CSTO"], iso3
    assert country_profile("TUR").alliances() == []  # NATO member; Kazakhstan only a partner


def test_a_country_without_vote_or_tie_data_says_no_data():
    brazil = country_profile("BRA")  # no vote, tie, summit or trade row in the data
    assert brazil.votes.empty and brazil.ties.empty and brazil.summits.empty
    assert brazil.vote_agreement() is None
    text = brazil.describe()
    assert "UN General Assembly votes: no data" in text
    assert "Trade share: no data" in text
    assert "no other tie recorded" in text
    assert "none recorded" in text
    belarus = country_profile("BLR")  # a treaty ally, but no vote of Belarus in the data
    assert belarus.vote_agreement() is None and "votes: no data" in belarus.describe()


def test_a_not_voting_row_is_not_counted_as_agreement():
    turkmenistan = country_profile("TKM")  # recorded as not voting on most resolutions
    assert "not voting" in set(turkmenistan.votes["vote"])
    cast = turkmenistan.votes[turkmenistan.votes["vote"].isin(["yes", "no", "abstain"])]
    assert (turkmenistan.vote_agreement() is None) == cast.empty
    if cast.empty:
        assert "none a yes, no or abstain" in turkmenistan.describe()
