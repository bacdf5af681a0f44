"""A profile of one of Kazakhstan's partner countries, built from the collection's tables.

    from utils import country_profile
    china = country_profile("China")      # a name, another name, or an ISO3 code ("CHN")
    china                                 # a short text summary
    china.relations                       # recognition and diplomatic relations
    china.memberships                     # organisations in which both states are listed
    china.trade                           # shares among Kazakhstan's top partners, per edition
    china.distance                        # capital, distance and bearing from Astana
    china.milestones                      # milestones whose main partner is this country
    china.map()                           # a small map: Astana to the capital (or None)
    china.timeline()                      # a timeline chart of the dated events (or None)
    china.sources()                       # the source records behind the profile

Every section is a DataFrame, possibly empty: the collection holds much more about some
countries than about others, and an empty section says "no record in our data", not
"nothing happened". Memberships cover the ten organisations listed in organization_members
(not the UN, the OSCE or the WTO); trade covers only the top partners each Factbook edition lists.
"""

from __future__ import annotations

import pandas as pd

from .countries import KAZAKHSTAN, find_country
from .data import cite, load
from .geo import great_circle_km, initial_bearing_deg

SECTIONS = ("relations", "memberships", "trade", "distance", "milestones")


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
