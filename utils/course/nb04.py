"""Exercises of notebook 04 (organisations and memberships), computed from the data, with their
worked solutions."""

from utils.countries import normalise_text
from utils.data import load
from utils.exercises import Exercise, Mistake, Solution
from utils.geo import great_circle_km

HQ_RADIUS_KM = 3000  # the distance asked about in exercise 04.4


def founded_before(year, inclusive=False) -> int:
    """Number of organisations founded before `year` (or in it, if inclusive)."""
    founded = load("organizations")["founded_year"]
    return int((founded <= year).sum() if inclusive else (founded < year).sum())


def wto_days(start="signed", end="in_force") -> int:
    """Days between two steps of Kazakhstan's WTO accession."""
    wto = load("memberships").set_index("org_id").loc["WTO"]
    return int((wto[end] - wto[start]).days)


def founding_memberships() -> set:
    """The organisations in which Kazakhstan is a founding member."""
    memberships = load("memberships")
    return set(memberships.loc[memberships["status"] == "founding member", "org_id"])


def hq_distances():
    """Great-circle distance from Astana to each organisation's headquarters, in km."""
    astana = load("places").set_index("place_id").loc["astana"]
    seats = load("organizations").dropna(subset=["hq_lat", "hq_lon"]).copy()
    seats["distance_km"] = [
        great_circle_km(astana["lat"], astana["lon"], lat, lon)
        for lat, lon in zip(seats["hq_lat"], seats["hq_lon"])
    ]
    return seats


def near_hq_count() -> int:
    """Organisations whose headquarters lie less than HQ_RADIUS_KM from Astana."""
    return int((hq_distances()["distance_km"] < HQ_RADIUS_KM).sum())


def near_hq_cities() -> int:
    seats = hq_distances()
    return int(seats.loc[seats["distance_km"] < HQ_RADIUS_KM, "hq_city"].nunique())


def full_members(org_id) -> set:
    """ISO3 codes of the full members (status "member") of one organisation."""
    members = load("organization_members")
    rows = members[(members["org_id"] == org_id) & (members["status"] == "member")]
    return set(rows["iso3"])


def cis_csto_eaeu_partners() -> set:
    """States other than Kazakhstan that are full members of the CIS, CSTO and EAEU."""
    return (full_members("CIS") & full_members("CSTO") & full_members("EAEU")) - {"KAZ"}


def shared_counts():
    """For each other state: in how many of Kazakhstan's organisations both are full members."""
    members = load("organization_members")
    full = members[members["status"] == "member"]
    kazakh_orgs = set(full.loc[full["iso3"] == "KAZ", "org_id"])
    others = full[full["org_id"].isin(kazakh_orgs) & (full["iso3"] != "KAZ")]
    return others.groupby("iso3").size()


def most_shared() -> str:
    counts = shared_counts()
    return str(counts.idxmax())


FORMATS = ["C5+1", "China-Central Asia", "EU-Central Asia"]


def wait_to_first_summit(count_online=False):
    """Days from each format's first recorded meeting to its first leaders' summit in person
    (or by video too, if count_online)."""
    meetings = load("format_meetings")
    levels = ["leaders", "leaders-online"] if count_online else ["leaders"]
    first = meetings.groupby("format", observed=True)["date"].min()
    summit = meetings[meetings["level"].isin(levels)].groupby("format", observed=True)["date"].min()
    return (summit - first).dt.days


def longest_wait() -> str:
    """The format that waited longest for its first in-person leaders' summit."""
    return str(wait_to_first_summit().idxmax())


EXERCISES = [
    Exercise(
        id="04.1",
        question="How many organisations in the organizations table were founded before 1991.",
        kind="number",
        reference=lambda: founded_before(1991),
        unit="organisations",
        hints=[
            "The column founded_year holds the year each organisation was founded.",
            'organizations["founded_year"] < 1991 is True for each organisation founded '
            "before 1991.",
            "Summing True/False values counts the True ones: (...).sum().",
        ],
        mistakes=[
            Mistake(
                say="That counts 1991 too. The question asks for organisations "
                "founded before 1991: use < rather than <=.",
                wrong=lambda reference: founded_before(1991, inclusive=True),
            )
        ],
        solution=Solution(
            code='answer_04_1 = (organizations["founded_year"] < 1991).sum()\n',
            why="The comparison gives True for each organisation founded before 1991, and the "
            "sum of True/False values counts the True ones. The CIS was founded in 1991 "
            "itself, so it is not counted: < and <= give different answers here.",
        ),
    ),
    Exercise(
        id="04.2",
        question="Days from the signing of Kazakhstan's WTO accession protocol to its WTO "
        "membership taking effect.",
        kind="number",
        reference=wto_days,
        unit="days",
        hints=[
            'The WTO row of the memberships table: memberships.set_index("org_id").loc["WTO"].',
            "The protocol was signed on the date in the signed column; membership took effect "
            "on the date in in_force.",
            "Subtracting two dates gives a Timedelta; .days turns it into a number of days.",
        ],
        mistakes=[
            Mistake(
                say="That stops at the ratification. Membership took effect later: use "
                "the in_force date.",
                wrong=lambda reference: wto_days("signed", "ratified"),
            ),
            Mistake(
                say="That starts at the ratification. The question starts at the "
                "signing of the protocol (the signed column).",
                wrong=lambda reference: wto_days("ratified", "in_force"),
            ),
        ],
        solution=Solution(
            code='wto = memberships.set_index("org_id").loc["WTO"]\n'
            'answer_04_2 = (wto["in_force"] - wto["signed"]).days\n',
            why="The protocol was signed first, ratified by parliament later, and membership "
            "took effect on the in_force date. Subtracting the two dates gives a Timedelta "
            "and .days the number of days: more than four months lie between the signing "
            "and the day Kazakhstan became a member.",
        ),
    ),
    Exercise(
        id="04.3",
        question="The organisations in which Kazakhstan is a founding member (their org_id).",
        kind="set",
        reference=founding_memberships,
        hints=[
            "The status column of the memberships table says in what role Kazakhstan belongs.",
            'memberships[memberships["status"] == "founding member"] keeps the founding '
            "memberships.",
            'Give the org_id values as a set or list: set(...["org_id"]).',
        ],
        mistakes=[
            Mistake(
                say="That includes organisations where Kazakhstan is a member, a "
                "participating State or a partner but not a founder. Keep only "
                'the status "founding member".',
                when=lambda answer: (
                    set(answer) > {normalise_text(o) for o in founding_memberships()}
                ),
            )
        ],
        solution=Solution(
            code='founders = memberships[memberships["status"] == "founding member"]\n'
            'answer_04_3 = set(founders["org_id"])\n',
            why="The status column keeps Kazakhstan's role apart from the dates. Founding "
            "member means it was there when the organisation was created; the other rows "
            "say member, participating State (the OSCE's own term) or partner (NATO).",
        ),
    ),
    Exercise(
        id="04.4",
        question="How many organisations in the table have their headquarters less than "
        "3,000 km from Astana.",
        kind="number",
        reference=near_hq_count,
        unit="organisations",
        hints=[
            "The table seats (made above the exercise) has a distance_km column, one row per "
            "organisation with a known headquarters.",
            'seats["distance_km"] < 3000 is True for each seat closer than 3,000 km; .sum() '
            "counts them.",
            "Count organisations, not cities: two organisations can share a city, and a seat "
            "in Astana itself is 0 km away.",
        ],
        mistakes=[
            Mistake(
                say="That looks like a count of cities, or a count that leaves out "
                "the seat in Astana (0 km). Count every organisation whose seat "
                "is less than 3,000 km away.",
                wrong=lambda reference: near_hq_cities(),
            )
        ],
        solution=Solution(
            code='answer_04_4 = (seats["distance_km"] < 3000).sum()\n',
            why="Each row of seats is one organisation, so summing the True values counts "
            "organisations. Two of them share Moscow, and CICA's seat is in Astana itself "
            "(0 km), so counting cities would give a smaller number.",
        ),
    ),
    Exercise(
        id="04.5",
        question="The states other than Kazakhstan that are full members of the CIS, the CSTO "
        "and the EAEU.",
        kind="set",
        items="country",
        reference=cis_csto_eaeu_partners,
        hints=[
            "Make one set of ISO codes per organisation, keeping only the rows whose status is "
            '"member" (the function members_of above does this).',
            "The & operator keeps what is in both sets; use it twice for three sets.",
            'Kazakhstan is in all three; take it out with - {"KAZ"}.',
        ],
        mistakes=[
            Mistake(
                say="Kazakhstan is in all three sets, but the question asks for the other "
                "states: remove KAZ.",
                wrong=lambda reference: set(reference) | {"KAZ"},
            ),
            Mistake(
                say="Some of these states are not full members of all three. Intersect "
                "all three sets with & (observers and former members do not count).",
                when=lambda answer: set(answer) - {"KAZ"} > set(cis_csto_eaeu_partners()),
            ),
        ],
        solution=Solution(
            code='in_all_three = members_of("CIS") & members_of("CSTO") & members_of("EAEU")\n'
            'answer_04_5 = in_all_three - {"KAZ"}\n',
            why="& keeps the states that are in both sets, so using it twice keeps those in all "
            "three. The - operator then removes Kazakhstan. members_of keeps only full "
            "members, so observers and former members do not count.",
        ),
    ),
    Exercise(
        id="04.6",
        question="The state that shares the most full memberships with Kazakhstan in the "
        "organization_members table.",
        kind="text",
        country=True,
        reference=most_shared,
        hints=[
            "The table shared (made above) has one row per organisation and state for the "
            "states that are full members together with Kazakhstan.",
            'shared.groupby("iso3").size() counts the rows of each state.',
            ".idxmax() gives the label of the largest count.",
        ],
        mistakes=[
            Mistake(
                say="That is Kazakhstan itself. Leave it out and look for the "
                "state with the most memberships in common.",
                when=lambda answer: answer == "KAZ",
            )
        ],
        solution=Solution(
            code='answer_04_6 = shared.groupby("iso3").size().idxmax()\n',
            why="shared has one row per organisation and state, so the size of each state's "
            "group is the number of organisations it shares with Kazakhstan. idxmax() "
            "returns the ISO code of the largest count. Remember that the count only "
            "covers the organisations in this table.",
        ),
    ),
    Exercise(
        id="04.7",
        question="Which format went longest from its first recorded meeting, at any level, "
        "to its first leaders' summit in person?",
        kind="choice",
        # Written out: the assessment edition copies the options as a literal.
        options=["C5+1", "China-Central Asia", "EU-Central Asia"],
        reference=longest_wait,
        hints=[
            "Per format, two dates: the earliest meeting of any level, and the earliest "
            'meeting whose level is "leaders".',
            'meetings.groupby("format")["date"].min() gives the first; do the same on the rows '
            'with level == "leaders" for the second.',
            "Subtract the first from the second and find the format with the largest gap.",
        ],
        mistakes=[
            Mistake(
                say="China-Central Asia went from its video meeting of January 2022 to Xi'an in "
                "May 2023, about 16 months. Compare that with the other formats' gaps.",
                when=lambda answer: answer == normalise_text("China-Central Asia"),
            ),
            Mistake(
                say="The EU-Central Asia summit is the format's only meeting in the table: "
                "its gap is zero days, and earlier meetings were not dated by any source.",
                when=lambda answer: answer == normalise_text("EU-Central Asia"),
            ),
        ],
        solution=Solution(
            code='first = meetings.groupby("format")["date"].min()\n'
            'leaders = meetings[meetings["level"] == "leaders"]\n'
            'summit = leaders.groupby("format")["date"].min()\n'
            "answer_04_7 = (summit - first).idxmax()\n",
            why="The C5+1 met at ministerial level from 2015 and first at the level of "
            "presidents in September 2023, eight years later. The answer depends on what counts "
            "as the first meeting (New York or Samarkand, 2015: either way eight years) and on "
            "what the table holds: the EU's earlier meetings are missing, so its gap of zero "
            "says more about the data than about the format.",
        ),
    ),
]
