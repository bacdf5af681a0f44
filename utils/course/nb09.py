"""Exercises of notebook 09 (capstone: a partner-country profile), computed from the data, with
their worked solutions.

The references are computed from the tables directly, not through utils.profile, so the
exercises also check the profile builder.
"""

from utils.data import load
from utils.exercises import MILES_NOT_KM, Exercise, Mistake, Solution
from utils.geo import great_circle_km

PARTNER = "TUR"  # the country of exercises 09.1 to 09.3


def relations_date():
    """The date diplomatic relations were established with the partner."""
    relations = load("diplomatic_relations").set_index("iso3")
    return relations.loc[PARTNER, "relations_established"].date()


def recognition_date():
    relations = load("diplomatic_relations").set_index("iso3")
    return relations.loc[PARTNER, "recognised"].date()


def shared_organisations(iso3: str = PARTNER) -> set:
    """org_id of every organisation in which both iso3 and Kazakhstan are listed (any status)."""
    members = load("organization_members")
    theirs = set(members[members["iso3"] == iso3]["org_id"].astype(str))
    ours = set(members[members["iso3"] == "KAZ"]["org_id"].astype(str))
    return theirs & ours


def partner_members_only() -> set:
    """The mistake of counting only the organisations where the partner is a full member."""
    members = load("organization_members")
    full = members[(members["iso3"] == PARTNER) & (members["status"] == "member")]
    return set(full["org_id"].astype(str)) & shared_organisations()


def editions_listing_partner() -> int:
    """In how many Factbook editions the partner is among the top export or import partners."""
    trade = load("trade")
    return int(trade[trade["partner_iso3"] == PARTNER]["edition"].nunique())


def rows_listing_partner() -> int:
    trade = load("trade")
    return int((trade["partner_iso3"] == PARTNER).sum())


def capital_point(iso3):
    row = load("countries").set_index("iso3").loc[iso3]
    return float(row["capital_lat"]), float(row["capital_lon"])


def distance_to_seoul() -> float:
    """Astana to Seoul: a capital whose distance the notebook does not show."""
    return great_circle_km(*capital_point("KAZ"), *capital_point("KOR"))


def latest_partners() -> list:
    trade = load("trade")
    latest = trade[trade["edition"] == trade["edition"].max()]
    return sorted(latest["partner_iso3"].astype(str).unique())


def most_shared_among_latest_partners() -> str:
    """The latest edition's top partner with the most organisations shared with Kazakhstan."""
    counts = {iso3: len(shared_organisations(iso3)) for iso3 in latest_partners()}
    return max(counts, key=counts.get)


def largest_latest_partner() -> str:
    trade = load("trade")
    latest = trade[trade["edition"] == trade["edition"].max()]
    return str(latest.groupby("partner_iso3", observed=True)["share_pct"].sum().idxmax())


def fully_profiled() -> set:
    """Countries with at least one record in each of the five sections of a profile."""
    relations = set(load("diplomatic_relations")["iso3"].astype(str))
    members = load("organization_members")
    kaz_orgs = set(members[members["iso3"] == "KAZ"]["org_id"])
    shared = set(members[members["org_id"].isin(kaz_orgs)]["iso3"].astype(str)) - {"KAZ"}
    trade = set(load("trade")["partner_iso3"].astype(str))
    countries = load("countries")
    located = set(countries.dropna(subset=["capital_lat", "capital_lon"])["iso3"].astype(str))
    milestones = set(load("milestones")["iso3"].dropna().astype(str))
    return relations & shared & trade & located & milestones


EXERCISES = [
    Exercise(
        id="09.1",
        question="The date diplomatic relations between Kazakhstan and Turkey were established.",
        kind="date",
        reference=relations_date,
        hints=[
            'country_profile("Turkey").relations holds the row of diplomatic_relations for Turkey.',
            "Two dates are there: recognised and relations_established. The question asks for "
            "the second.",
            'Take the value with .iloc[0]: profile.relations["relations_established"].iloc[0].',
        ],
        mistakes=[
            Mistake(
                say="That is the date Turkey recognised Kazakhstan; diplomatic "
                "relations were established later.",
                wrong=lambda reference: recognition_date(),
            )
        ],
        solution=Solution(
            code='turkey = country_profile("Turkey")\n'
            'answer_09_1 = turkey.relations["relations_established"].iloc[0]\n',
            why="The relations section is the row of diplomatic_relations for Turkey. It holds "
            "two dates: Turkey recognised Kazakhstan first, and the two states established "
            "diplomatic relations some weeks later. Recognition says a state exists; "
            "relations mean the two governments deal with each other officially.",
        ),
    ),
    Exercise(
        id="09.2",
        question="The organisations (org_id) in which both Turkey and Kazakhstan are listed in "
        "organization_members, whatever their status.",
        kind="set",
        items="text",
        reference=shared_organisations,
        hints=[
            'Make a set of the org_id values of the rows whose iso3 is "TUR", and another for '
            '"KAZ".',
            "The & operator keeps what is in both sets.",
            "Do not filter on status: an observer or a dialogue partner is listed too.",
        ],
        mistakes=[
            Mistake(
                say="Kazakhstan is a NATO partner, not a member, and is not listed among "
                "NATO's members: NATO is not shared.",
                when=lambda answer: "nato" in answer,
            ),
            Mistake(
                say="Turkey is listed in one more of them with another status (a dialogue "
                "partner): the question counts every status.",
                wrong=lambda reference: partner_members_only(),
            ),
        ],
        solution=Solution(
            code='turkey_orgs = set(members[members["iso3"] == "TUR"]["org_id"])\n'
            "answer_09_2 = kazakhstan_orgs & turkey_orgs\n",
            why="The intersection keeps the organisations listed for both states. No status "
            "filter: Turkey is a dialogue partner of the SCO, and that counts here. NATO "
            "drops out because Kazakhstan is a partner of NATO, never a member, and is not "
            "in its member list.",
        ),
    ),
    Exercise(
        id="09.3",
        question="In how many Factbook editions of the trade table is Turkey among Kazakhstan's "
        "top export or import partners?",
        kind="number",
        reference=editions_listing_partner,
        hints=[
            'Keep the rows of the trade table whose partner_iso3 is "TUR" (or use '
            'country_profile("Turkey").trade).',
            "Turkey can be listed twice in one edition, once for exports and once for imports. "
            "Count distinct editions: .nunique().",
        ],
        mistakes=[
            Mistake(
                say="That counts rows: an edition that lists Turkey for exports and "
                "for imports is one edition, not two.",
                wrong=lambda reference: rows_listing_partner(),
            )
        ],
        solution=Solution(
            code='answer_09_3 = trade[trade["partner_iso3"] == "TUR"]["edition"].nunique()\n',
            why="An edition may list Turkey twice, for exports and for imports, so count "
            "distinct editions rather than rows. Turkey appears only in the latest editions; "
            "in earlier ones it was not among the few partners the Factbook lists.",
        ),
    ),
    Exercise(
        id="09.4",
        question="The great-circle distance from Astana to Seoul in kilometres.",
        kind="number",
        reference=distance_to_seoul,
        abs_tol=5,
        unit="km",
        hints=[
            "The countries table gives each capital's capital_lat and capital_lon.",
            "great_circle_km(lat1, lon1, lat2, lon2) gives the distance; Astana is KAZ's "
            "capital, Seoul is KOR's.",
            'You can check your result against country_profile("Republic of Korea").distance.',
        ],
        mistakes=[MILES_NOT_KM],
        solution=Solution(
            code='capitals = load("countries").set_index("iso3")\n'
            'kaz, kor = capitals.loc["KAZ"], capitals.loc["KOR"]\n'
            'answer_09_4 = great_circle_km(kaz["capital_lat"], kaz["capital_lon"],\n'
            '                              kor["capital_lat"], kor["capital_lon"])\n',
            why="The distance needs only the two capitals' coordinates; the profile's distance "
            "section gives the same figure rounded to 0.1 km.",
        ),
    ),
    Exercise(
        id="09.5",
        question="Among the partners listed in the latest Factbook edition, the one listed "
        "with Kazakhstan in the most organisations.",
        kind="text",
        country=True,
        reference=most_shared_among_latest_partners,
        hints=[
            "The comparison table above has one row per partner of the latest edition, with "
            "the number of shared organisations.",
            'Sort it by that column, or use .idxmax() on the column after .set_index("iso3").',
        ],
        mistakes=[
            Mistake(
                say="That is the largest trade partner of the latest edition; the "
                "question asks about shared organisations.",
                when=lambda answer: (
                    answer == largest_latest_partner() != most_shared_among_latest_partners()
                ),
            )
        ],
        solution=Solution(
            code='answer_09_5 = comparison.set_index("iso3")["shared_organisations"].idxmax()\n',
            why="idxmax gives the index label (here the ISO3 code) of the largest value. Russia "
            "shares the most organisations with Kazakhstan among these partners, many of "
            "them post-Soviet bodies; China, the largest trade partner in that edition, "
            "shares few. Closeness by institutions and by trade are different measures.",
        ),
    ),
    Exercise(
        id="09.6",
        question="The countries whose profile has at least one record in every one of its five "
        "sections (relations, memberships, trade, distance, milestones).",
        kind="set",
        items="country",
        reference=fully_profiled,
        hints=[
            "Build the profile of every country in the countries table (a loop over "
            'countries["iso3"]).',
            "A section has a record when its table is not empty: len(profile.trade) > 0.",
            "Keep the countries for which all five sections have a record (all(...)).",
        ],
        mistakes=[
            Mistake(
                say="Kazakhstan itself has no relations, trade or distance in its "
                "own profile: leave it out.",
                when=lambda answer: "KAZ" in answer,
            )
        ],
        solution=Solution(
            code="complete = []\n"
            'for iso3 in load("countries")["iso3"]:\n'
            "    profile = country_profile(iso3)\n"
            "    sections = [profile.relations, profile.memberships, profile.trade,\n"
            "                profile.distance, profile.milestones]\n"
            "    if all(len(section) > 0 for section in sections):\n"
            "        complete.append(iso3)\n"
            "answer_09_6 = set(complete)\n",
            why="A loop builds every profile and keeps those with no empty section. Only a "
            "handful pass, mostly because few countries are both among the top trade "
            "partners and the main partner of a recorded milestone: the result describes "
            "what the collection recorded as much as the countries themselves.",
        ),
    ),
]
