"""data/border_treaties.csv, caspian_agreements.csv and border_editions.csv (notebook 10).

The schema checks types, keys and allowed values; these tests hold what it cannot: the five
neighbours each have a delimitation treaty, a precision beside every date, dates in order,
single-source dates declared, the disagreements kept in the notes, and the Caspian Convention
not in force while one signatory has not ratified it. caspian_lines.csv and the schematic map
built from it (utils.caspian): every line stands for signed agreements, every treaty point has a
source, no line in the undivided south, and the map names the five states and the four lines,
says it is schematic, works offline and is the same every time.
"""

from html.parser import HTMLParser

import pandas as pd
import pytest

from utils import load

DATES = ["signed", "ratified_kz", "ratified_other", "in_force", "demarcation_completed"]
NEIGHBOURS = {"CHN", "KGZ", "RUS", "TKM", "UZB"}
CASPIAN = {"AZE", "IRN", "KAZ", "RUS", "TKM"}
INDEPENDENCE = pd.Timestamp("1991-12-16")


@pytest.fixture(scope="module")
def treaties():
    return load("border_treaties")


@pytest.fixture(scope="module")
def caspian():
    return load("caspian_agreements")


@pytest.fixture(scope="module")
def editions():
    return load("border_editions")


def test_every_neighbour_has_a_delimitation_treaty(treaties):
    delimitation = treaties[treaties["kind"] == "delimitation"]
    assert set(delimitation["neighbour_iso3"]) == NEIGHBOURS
    assert delimitation["signed"].notna().all()


def test_every_date_has_its_precision_and_none_before_independence(treaties):
    for column in DATES:
        has_date = treaties[column].notna()
        assert (has_date == treaties[f"{column}_precision"].notna()).all(), column
        assert (treaties.loc[has_date, column] > INDEPENDENCE).all(), column


def test_signature_comes_before_ratification_and_entry_into_force(treaties):
    for column in ["ratified_kz", "in_force"]:
        both = treaties.dropna(subset=["signed", column])
        assert (both["signed"] <= both[column]).all(), column


def test_dates_without_a_second_source_are_declared(treaties):
    """A row with no second source must list every one of its dates as single-source."""
    alone = treaties[treaties["source_id_2"].isna()]
    for _, row in alone.iterrows():
        declared = set(str(row["single_source"]).split(";"))
        filled = {c for c in DATES if pd.notna(row[c])}
        assert filled <= declared, row["treaty_id"]


def test_russia_is_delimited_but_not_demarcated(treaties):
    russia = treaties[treaties["neighbour_iso3"] == "RUS"]
    assert "delimitation" in set(russia["kind"])
    assert "demarcation" not in set(russia["kind"])


def test_demarcated_lengths_differ_from_the_factbook(treaties, editions):
    latest = editions[
        (editions["edition"] == editions["edition"].max()) & (editions["profile_iso3"] == "KAZ")
    ].set_index("neighbour_iso3")
    measured = treaties.dropna(subset=["line_length_km"]).set_index("neighbour_iso3")
    assert len(measured) >= 3
    for iso3, row in measured.iterrows():
        assert row["line_length_km"] != latest.loc[iso3, "length_km"], iso3


def test_disagreements_are_kept_in_the_notes(treaties):
    notes = treaties.set_index("treaty_id")["note"]
    assert "2003" in notes["kg-2001-treaty"] and "DISAGREEMENT" in notes["kg-2001-treaty"]
    assert "21 Dec 2022" in notes["uz-2022-demarcation"]
    assert treaties.set_index("treaty_id").loc["uz-2022-demarcation", "signed"] == pd.Timestamp(
        "2022-12-22"
    )


def test_the_convention_is_not_in_force_while_iran_has_not_ratified(caspian):
    convention = caspian[caspian["instrument_id"] == "caspian-convention-2018"]
    signed = convention[convention["event"] == "signed"].iloc[0]
    assert set(signed["parties"].split(";")) == CASPIAN
    assert signed["date"] == pd.Timestamp("2018-08-12") and signed["place"] == "Aktau"
    done = set(convention[convention["event"].isin(["ratified", "approved"])]["state_iso3"])
    assert done == CASPIAN - {"IRN"}
    assert set(convention[convention["event"] == "not_ratified"]["state_iso3"]) == {"IRN"}
    assert (convention["event"] == "not_in_force").sum() == 1


def test_caspian_rows_name_their_state_when_they_should(caspian):
    per_state = caspian["event"].isin(["ratified", "approved", "not_ratified"])
    assert caspian.loc[per_state, "state_iso3"].notna().all()
    assert caspian.loc[~per_state, "state_iso3"].isna().all()
    for _, row in caspian[per_state].iterrows():
        assert row["state_iso3"] in row["parties"].split(";"), row["instrument_id"]
    single = caspian[caspian["source_id_2"].isna()]
    assert single["single_source"].all(), "a row with one source must say so"


def test_factbook_editions_show_the_2015_revision(editions):
    kaz = editions[editions["profile_iso3"] == "KAZ"]
    totals = kaz.groupby("edition")["profile_total_km"].first()
    assert totals[1992] == 12012 and totals[2026] == 13364
    per_edition = kaz.groupby("edition")["length_km"].sum()
    assert (per_edition == totals).all(), "the five lengths add up to each edition's total"
    assert kaz.groupby("edition")["neighbour_iso3"].nunique().eq(5).all()


# ------------------------------------------------------------ the schematic seabed map (caspian_lines)


@pytest.fixture(scope="module")
def lines():
    return load("caspian_lines")


def test_every_line_stands_for_signed_two_party_agreements(lines, caspian):
    signed = caspian[caspian["event"] == "signed"].set_index("instrument_id")
    for line_id, points in lines.groupby("line_id"):
        parties = points["parties"].iloc[0]
        assert line_id == parties.lower().replace(";", "-")
        assert list(points["point_order"]) == list(range(1, len(points) + 1)), line_id
        for instrument in points["instrument_ids"].iloc[0].split(";"):
            assert signed.loc[instrument, "parties"] == parties, (line_id, instrument)


def test_treaty_points_have_a_source_and_map_points_say_they_are_schematic(lines):
    treaty = lines[lines["point_kind"] == "treaty"]
    assert treaty["source_id"].notna().all()
    others = lines[lines["point_kind"] != "treaty"]
    assert others["note"].str.contains("schematic|guess|not in the sources", case=False).all()
    # The three northern lines meet at one point: the junction in the 2003 KZ-AZ protocol.
    junction = lines[lines["point"].str.startswith("junction point")]
    assert junction[["lat", "lon"]].drop_duplicates().round(4).values.tolist() == [[42.56, 49.8883]]
    assert set(junction["line_id"]) == {"aze-kaz", "aze-rus", "kaz-rus"}


def test_no_line_is_drawn_in_the_south(lines):
    """No agreed division between Azerbaijan, Iran and Turkmenistan in the sources read."""
    pairs = {frozenset(p.split(";")) for p in lines["parties"]}
    assert "IRN" not in set(lines["parties"].str.cat(sep=";").split(";"))
    assert frozenset({"AZE", "TKM"}) not in pairs
    assert (lines["lat"] > 41).all()


def _fetched(page):
    """The src and href attributes of the page's tags: what a browser would fetch or link to."""
    urls = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            urls.extend(v for k, v in attrs if k in ("src", "href") and v)

    Tags().feed(page)
    return urls


@pytest.fixture(scope="module")
def seabed_maps():
    from utils import offline
    from utils.caspian import caspian_map

    offline.offline_mode(True)
    try:
        return caspian_map(), caspian_map()
    finally:
        offline.offline_mode(False)


def test_caspian_map_shows_five_states_four_lines_and_says_schematic(seabed_maps):
    from utils.caspian import LITTORAL, SCHEMATIC_LABEL, UNDIVIDED_LABEL, line_labels

    m = seabed_maps[0]
    page = m.get_root().render()
    names = load("countries").set_index("iso3")["name"]
    for iso3 in LITTORAL:
        assert f"{names[iso3]}: Caspian shore state" in page, iso3
    labels = line_labels()
    assert set(labels) == {"aze-kaz", "aze-rus", "kaz-rus", "kaz-tkm"}
    assert labels["kaz-rus"] == (
        "Kazakhstan-Russia: agreement signed 6 July 1998, protocol signed 13 May 2002"
    )
    assert page.count("L.polyline(") == 4
    for text in [SCHEMATIC_LABEL, UNDIVIDED_LABEL, *labels.values()]:
        assert text in page and text in m.describe(), text
    assert set(m.table()["line_id"]) == set(labels)


def test_caspian_map_is_offline_and_the_same_every_time():
    from utils import offline
    from utils.caspian import caspian_map

    offline.offline_mode(True)
    try:
        first, second = caspian_map(), caspian_map()
    finally:
        offline.offline_mode(False)
    output = first._repr_html_()
    assert output == second._repr_html_() == first._repr_html_()
    assert len(output.encode("utf-8")) <= 150_000
    page = first.get_root().render()
    assert _fetched(page) == []
    assert "L.tileLayer(" not in page and "openstreetmap" not in page.lower()


def test_exercise_10_7_names_iran_and_explains_the_two_common_slips():
    from utils import check

    assert check("10.7", {"IRN"}) and check("10.7", ["Iran"])
    early = check("10.7", {"IRN", "TKM"})
    assert not early and "2014" in repr(early)
    assert "more than two parties" in repr(check("10.7", set()))
