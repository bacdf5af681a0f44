"""A profile of one of Kazakhstan's partner countries, built from the collection's tables.

    from utils import country_profile
    china = country_profile("China")      # a name, another name, or an ISO3 code ("CHN")
    china                                 # a short text summary
    china.relations                       # recognition and diplomatic relations
    china.memberships                     # organisations in which both states are listed
    china.trade                           # shares among Kazakhstan's top partners, per edition
    china.distance                        # capital, distance and bearing from Astana
    china.milestones                      # milestones whose main partner is this country
    china.ties                            # ties by kind (treaty alliance, partnership...)
    china.votes                           # UN General Assembly votes next to Kazakhstan's
    china.summits                         # summits with the Central Asian presidents, 2022-2025
    china.map()                           # a small map: Astana to the capital (or None)
    china.timeline()                      # a timeline chart of the dated events (or None)
    china.sources()                       # the source records behind the profile

Every section is a DataFrame, possibly empty: the collection holds much more about some
countries than about others, and an empty section says "no record in our data", not
"nothing happened". Memberships cover the ten organisations listed in organization_members
(not the UN, the OSCE or the WTO); trade covers only the top partners each Factbook edition lists;
ties cover Russia, China, the United States, the EU and Turkey; votes cover a few resolutions on
Ukraine (unga_resolutions) and the states whose votes were researched; summits cover the
"Central Asia plus one" summits of 2022-2025 in events_since_2022, not bilateral visits.
describe() says "no data" for a dimension the collection has not researched for a country.
"""

from __future__ import annotations

import pandas as pd

from .countries import KAZAKHSTAN, find_country
from .data import cite, load
from .geo import great_circle_km, initial_bearing_deg

SECTIONS = (
    "relations",
    "memberships",
    "trade",
    "distance",
    "milestones",
    "ties",
    "votes",
    "summits",
)
CAST = ("yes", "no", "abstain")


class CountryProfile:
    """Everything the collection records about one country and Kazakhstan, section by section."""

    def __init__(self, iso3: str):
        countries = load("countries").set_index("iso3")
        row = countries.loc[iso3]
        self.iso3 = iso3
        self.name = str(row["name"])
        self.capital = None if pd.isna(row["capital"]) else str(row["capital"])
        self.relations = _relations(iso3)
        self.memberships = _memberships(iso3)
        self.trade = _trade(iso3)
        self.distance = _distance(iso3, row, countries.loc[KAZAKHSTAN])
        self.milestones = _milestones(iso3)
        self.ties = _ties(iso3)
        self.votes = _votes(iso3)
        self.summits = _summits(iso3)

    # ----------------------------------------------------------------- summaries

    def describe(self) -> str:
        """The profile in a few plain sentences (a text alternative to the tables)."""
        lines = [f"Profile of {self.name} ({self.iso3}) as recorded in the collection's data."]
        if self.iso3 == KAZAKHSTAN:
            lines.append("This is Kazakhstan itself: relations, trade and distance do not apply.")
        lines.append(self._relations_sentence())
        if len(self.memberships):
            orgs = ", ".join(self.memberships["org_id"])
            with_kaz = "" if self.iso3 == KAZAKHSTAN else " with Kazakhstan"
            lines.append(
                f"Listed{with_kaz} in {len(self.memberships)} of the recorded "
                f"organisations: {orgs}."
            )
        else:
            lines.append("Not listed with Kazakhstan in any of the recorded organisations.")
        editions = self.trade["edition"].nunique() if len(self.trade) else 0
        if editions:
            lines.append(
                f"Among Kazakhstan's top trade partners in {editions} of "
                f"{load('trade')['edition'].nunique()} Factbook editions."
            )
        else:
            lines.append(
                "Not among Kazakhstan's top trade partners in any recorded Factbook edition."
            )
        if self.iso3 != KAZAKHSTAN:
            lines.append(self._latest_trade_sentence())
            lines.append(self._alliance_sentence())
            lines.append(self._votes_sentence())
            lines.append(self._summits_sentence())
        if len(self.distance):
            d = self.distance.iloc[0]
            lines.append(
                f"Capital {d['capital']}: {d['distance_km']:,.0f} km from Astana, "
                f"initial bearing {d['bearing_deg']:.0f} degrees."
            )
        elif self.iso3 != KAZAKHSTAN:
            lines.append("No capital coordinates in the data, so no distance.")
        lines.append(f"Milestones with {self.name} as main partner: {len(self.milestones)}.")
        return " ".join(lines)

    def _latest_trade_sentence(self) -> str:
        trade = load("trade")
        latest = trade[trade["edition"] == trade["edition"].max()]
        mine = latest[latest["partner_iso3"] == self.iso3].set_index("flow")["share_pct"]
        year = int(latest["data_year"].iloc[0])
        if mine.empty:
            return (
                f"Trade share: no data (not among the top partners listed in the latest "
                f"edition, data year {year})."
            )
        parts = [
            f"{mine[flow]:g}% of Kazakhstan's {flow}s"
            for flow in ("export", "import")
            if flow in mine.index
        ]
        return f"Trade share in the latest edition (data year {year}): {' and '.join(parts)}."

    def alliances(self) -> list:
        """Organisations with a treaty-alliance commitment that list both states as members."""
        kinds = load("partner_ties")
        alliance_orgs = set(kinds.loc[kinds["kind"] == "treaty alliance", "org_id"].dropna())
        both = self.memberships[
            (self.memberships["status"] == "member")
            & (self.memberships["kazakhstan_status"] == "member")
        ]
        return sorted(set(both["org_id"]) & alliance_orgs)

    def _alliance_sentence(self) -> str:
        allied = self.alliances()
        if allied:
            return f"A treaty ally of Kazakhstan through: {', '.join(allied)}."
        if len(self.ties):
            kinds = ", ".join(dict.fromkeys(self.ties["kind"]))
            return f"No treaty alliance with Kazakhstan in the data; recorded ties: {kinds}."
        return "No treaty alliance with Kazakhstan in the data, and no other tie recorded."

    def vote_agreement(self) -> float | None:
        """Percent of the resolutions on which both states cast yes, no or abstain with the same
        vote; None when they share no such resolution in the data."""
        both = self.votes.dropna(subset=["vote", "kazakhstan_vote"])
        both = both[both["vote"].isin(CAST) & both["kazakhstan_vote"].isin(CAST)]
        if both.empty:
            return None
        return round(float((both["vote"] == both["kazakhstan_vote"]).mean() * 100), 1)

    def _votes_sentence(self) -> str:
        share = self.vote_agreement()
        if share is None and len(self.votes):
            return (
                f"UN General Assembly votes: {len(self.votes)} recorded, none a yes, no or "
                "abstain shared with Kazakhstan, so no agreement share."
            )
        if share is None:
            return (
                "UN General Assembly votes: no data (no recorded vote shared with Kazakhstan "
                "on the resolutions in the collection)."
            )
        n = int((self.votes["vote"].isin(CAST) & self.votes["kazakhstan_vote"].isin(CAST)).sum())
        return (
            f"UN General Assembly votes: same vote as Kazakhstan on {share:g}% of the "
            f"{n} resolution(s) on Ukraine where both votes are recorded."
        )

    def _summits_sentence(self) -> str:
        if self.summits.empty:
            return (
                "Summits with the Central Asian presidents 2022-2025: none recorded (the data "
                "covers 'Central Asia plus one' summits only, not bilateral visits)."
            )
        return (
            f"Summits with the Central Asian presidents 2022-2025: {len(self.summits)} "
            f"({', '.join(dict.fromkeys(self.summits['format']))})."
        )

    def _relations_sentence(self) -> str:
        if not len(self.relations):
            return "No record of recognition or diplomatic relations in the data."
        r = self.relations.iloc[0]
        parts = []
        if pd.notna(r["recognised"]):
            parts.append(f"{self.name} recognised Kazakhstan on {r['recognised']:%Y-%m-%d}.")
        if pd.notna(r["relations_established"]):
            parts.append(
                f"Diplomatic relations were established on {r['relations_established']:%Y-%m-%d}."
            )
        if not parts:
            return "Diplomatic relations are recorded, but without an exact date (see the note)."
        return " ".join(parts)

    def __repr__(self) -> str:
        return self.describe()

    # ----------------------------------------------------------------- views

    def timeline_events(self) -> pd.DataFrame:
        """Dated events of the profile, oldest first: recognition, relations, milestones."""
        rows = []
        if len(self.relations):
            r = self.relations.iloc[0]
            if pd.notna(r["recognised"]):
                rows.append((r["recognised"], f"{self.name} recognises Kazakhstan", "relations"))
            if pd.notna(r["relations_established"]):
                rows.append(
                    (r["relations_established"], "Diplomatic relations established", "relations")
                )
        recognised = {row[0] for row in rows}
        for _, m in self.milestones.iterrows():
            if m["category"] == "recognition" and m["date"] in recognised:
                continue  # the same recognition, already shown from the relations table
            rows.append((m["date"], str(m["title"]), str(m["category"])))
        events = pd.DataFrame(rows, columns=["date", "event", "kind"])
        return events.sort_values("date", kind="stable").reset_index(drop=True)

    def timeline(self):
        """A timeline chart of timeline_events(), or None when there is no dated event."""
        from .charts import timeline_chart

        events = self.timeline_events()
        if events.empty:
            return None
        return timeline_chart(
            events,
            date="date",
            label="event",
            group="kind",
            title=f"Kazakhstan and {self.name}: dated events in the data",
        )

    def map(self):
        """A map with a line from Astana to the capital, or None without capital coordinates."""
        from .maps import links_map

        if self.distance.empty:
            return None
        return links_map(
            self.distance,
            value="distance_km",
            label="capital",
            unit="km",
            title=f"Astana to {self.distance['capital'].iloc[0]} ({self.name})",
        )

    def sources(self) -> pd.DataFrame:
        """The source records behind every section of the profile."""
        countries = load("countries")
        return cite(
            countries[countries["iso3"].isin([self.iso3, KAZAKHSTAN])],
            *[getattr(self, s) for s in SECTIONS],
        )


def country_profile(name_or_iso3) -> CountryProfile:
    """Build the profile of one country: give its name, another name or its ISO3 code."""
    return CountryProfile(find_country(name_or_iso3))


# --------------------------------------------------------------------- the sections


def _relations(iso3: str) -> pd.DataFrame:
    relations = load("diplomatic_relations")
    columns = ["recognised", "relations_established", "note", "source_id", "source_id_2"]
    return relations[relations["iso3"] == iso3][columns].reset_index(drop=True)


def _memberships(iso3: str) -> pd.DataFrame:
    """Organisations in which both the country and Kazakhstan are listed, with both statuses."""
    members = load("organization_members")
    names = load("organizations").set_index("org_id")["name"]
    theirs = members[members["iso3"] == iso3]
    ours = members[members["iso3"] == KAZAKHSTAN].set_index("org_id")
    shared = theirs[theirs["org_id"].isin(ours.index)].copy()
    shared["organisation"] = shared["org_id"].map(names)
    shared["status"] = shared["status"].astype("string")
    shared["kazakhstan_status"] = shared["org_id"].map(ours["status"]).astype("string")
    shared["source_id_kaz"] = shared["org_id"].map(ours["source_id"])
    columns = [
        "org_id",
        "organisation",
        "status",
        "joined_year",
        "kazakhstan_status",
        "source_id",
        "source_id_2",
        "source_id_kaz",
    ]
    return shared[columns].sort_values("org_id").reset_index(drop=True)


def _trade(iso3: str) -> pd.DataFrame:
    trade = load("trade")
    mine = trade[trade["partner_iso3"] == iso3]
    columns = ["edition", "data_year", "flow", "share_pct", "source_id"]
    return mine[columns].sort_values(["edition", "flow"]).reset_index(drop=True)


def _distance(iso3: str, row: pd.Series, astana: pd.Series) -> pd.DataFrame:
    columns = ["capital", "lat", "lon", "distance_km", "bearing_deg", "source_id"]
    if iso3 == KAZAKHSTAN or pd.isna(row["capital_lat"]) or pd.isna(row["capital_lon"]):
        return pd.DataFrame(columns=columns)
    lat, lon = float(row["capital_lat"]), float(row["capital_lon"])
    here = float(astana["capital_lat"]), float(astana["capital_lon"])
    return pd.DataFrame(
        [
            {
                "capital": str(row["capital"]),
                "lat": lat,
                "lon": lon,
                "distance_km": round(great_circle_km(*here, lat, lon), 1),
                "bearing_deg": round(initial_bearing_deg(*here, lat, lon), 1),
                "source_id": str(row["source_id"]),
            }
        ],
        columns=columns,
    )


def _milestones(iso3: str) -> pd.DataFrame:
    milestones = load("milestones")
    columns = [
        "milestone_id",
        "date",
        "date_precision",
        "category",
        "title",
        "source_id",
        "source_id_2",
    ]
    mine = milestones[milestones["iso3"] == iso3]
    return mine[columns].sort_values("date", kind="stable").reset_index(drop=True)


def _ties(iso3: str) -> pd.DataFrame:
    ties = load("partner_ties")
    columns = ["tie_id", "tie", "kind", "org_id", "since", "source_id", "source_id_2"]
    return ties[ties["partner"] == iso3][columns].sort_values("since").reset_index(drop=True)


def _votes(iso3: str) -> pd.DataFrame:
    """The country's recorded votes next to Kazakhstan's, one row per resolution it voted on."""
    votes = load("unga_votes")
    resolutions = load("unga_resolutions").set_index("resolution")
    theirs = votes[votes["iso3"] == iso3].set_index("resolution")
    ours = votes[votes["iso3"] == KAZAKHSTAN].set_index("resolution")
    table = pd.DataFrame(
        {
            "date": resolutions["date"].reindex(theirs.index),
            "title": resolutions["title"].reindex(theirs.index),
            "vote": theirs["vote"].astype("string"),
            "kazakhstan_vote": ours["vote"].reindex(theirs.index).astype("string"),
            "evidence": theirs["evidence"].astype("string"),
            "source_id": theirs["source_id"],
            "source_id_2": theirs["source_id_2"],
        }
    )
    return (
        table.rename_axis("resolution")
        .reset_index()
        .sort_values("date", kind="stable")
        .reset_index(drop=True)
    )


def _summits(iso3: str) -> pd.DataFrame:
    summits = load("summit_partners")
    events = load("events_since_2022").set_index("event_id")
    mine = summits[summits["partner"] == iso3].copy()
    mine["date"] = mine["event_id"].map(events["date"])
    mine["title"] = mine["event_id"].map(events["title"])
    columns = ["event_id", "date", "format", "level", "title", "source_id"]
    return mine[columns].sort_values("date").reset_index(drop=True)
