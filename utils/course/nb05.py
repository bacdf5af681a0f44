"""Exercises of notebook 05 (institutional milestones), computed from the data, with their worked
solutions."""

from utils.data import load
from utils.exercises import FRACTION_NOT_PERCENT, Exercise, Mistake, Solution

# The milestones notebook 05 calls "institutional" (the notebook lists the same ids).
INSTITUTIONAL = [
    "csce-admission-1992",
    "un-admission-1992",
    "wto-application-1996",
    "osce-chair-decision-2007",
    "customs-union-2010",
    "osce-chair-2010",
    "unsc-candidacy-2010",
    "osce-almaty-ministerial-2010",
    "osce-astana-summit-2010",
    "oic-cfm-astana-2011",
    "oic-renamed-2011",
    "expo-awarded-2012",
    "eaeu-treaty-2014",
    "eaeu-in-force-2015",
    "wto-accession-approved-2015",
    "wto-membership-2015",
    "unsc-election-2016",
    "unsc-term-2017",
    "astana-process-2017",
    "sco-expansion-2017",
    "expo-2017-opens",
    "unsc-presidency-meeting-2018",
]


def institutional():
    """The institutional milestones, in date order."""
    milestones = load("milestones")
    return milestones[milestones["milestone_id"].isin(INSTITUTIONAL)].sort_values("date")


def date_of(milestone_id):
    return load("milestones").set_index("milestone_id").loc[milestone_id, "date"]


def busiest_year() -> int:
    """The year with the most institutional milestones."""
    return int(institutional()["date"].dt.year.value_counts().idxmax())


def years_between(first, second) -> int:
    """Difference of the calendar years of two milestones."""
    return int(date_of(second).year - date_of(first).year)


def months_between(first, second) -> int:
    """Whole calendar months between two milestones (day of the month ignored)."""
    a, b = date_of(first), date_of(second)
    return int((b.year - a.year) * 12 + (b.month - a.month))


def located():
    """Institutional milestones with a place, and the country of each place."""
    places = load("places")[["place_id", "iso3"]].rename(
        columns={"place_id": "place", "iso3": "place_iso3"}
    )
    return institutional().dropna(subset=["place"]).merge(places, on="place")


def share_in_kazakhstan(of_all=False) -> float:
    """Percentage of the located institutional milestones that took place in Kazakhstan."""
    at_home = (located()["place_iso3"] == "KAZ").sum()
    base = len(institutional()) if of_all else len(located())
    return float(100 * at_home / base)


def per_decade():
    milestones = load("milestones")
    decade = milestones["date"].dt.year // 10 * 10
    return (
        milestones.groupby([milestones["category"].astype(str), decade])
        .size()
        .unstack(fill_value=0)
    )


def growth(first=1990, second=2010):
    table = per_decade()
    return table.get(second, 0) - table.get(first, 0)


def biggest_growth() -> str:
    return str(growth().idxmax())


def gaps():
    """Days from each institutional milestone to the one before it."""
    ordered = institutional().reset_index(drop=True)
    ordered["gap_days"] = ordered["date"].diff().dt.days
    return ordered


def after_longest_gap() -> str:
    ordered = gaps()
    return str(ordered.loc[ordered["gap_days"].idxmax(), "milestone_id"])


def before_longest_gap() -> str:
    ordered = gaps()
    return str(ordered.loc[ordered["gap_days"].idxmax() - 1, "milestone_id"])


CONGRESSES = ("congress-religions-2003", "congress-religions-2025")
CONGRESS_COUNT = 8  # the 2025 congress is the eighth (its description and sources say so)


def congress_interval(count=CONGRESS_COUNT) -> float:
    """Mean years between two congresses: first to eighth is seven intervals."""
    first, last = (date_of(c).year for c in CONGRESSES)
    return (last - first) / (count - 1)


EXERCISES = [
    Exercise(
        id="05.1",
        question="The year with the most institutional milestones in the selection.",
        kind="year",
        reference=busiest_year,
        hints=[
            'institutional["date"].dt.year gives the year of each milestone.',
            "value_counts() counts how often each year occurs, largest first.",
            ".idxmax() (or .index[0] after value_counts) gives the year itself, not the count.",
        ],
        mistakes=[
            Mistake(
                say="That is how many milestones the busiest year has. The question "
                "asks for the year itself.",
                wrong=lambda reference: int(institutional()["date"].dt.year.value_counts().max()),
            )
        ],
        solution=Solution(
            code='per_year = institutional["date"].dt.year.value_counts()\n'
            "answer_05_1 = per_year.idxmax()\n",
            why="value_counts() counts the milestones of each year; idxmax() returns the label "
            "(the year) of the largest count, not the count itself. In that year the OSCE "
            "chairmanship, its two meetings, the Customs Union and the Security Council "
            "candidacy come together.",
        ),
    ),
    Exercise(
        id="05.2",
        question="How many years after joining the CSCE Kazakhstan began its OSCE "
        "chairmanship (difference of the calendar years).",
        kind="number",
        reference=lambda: years_between("csce-admission-1992", "osce-chair-2010"),
        unit="years",
        hints=[
            'The rows are "csce-admission-1992" and "osce-chair-2010" in the milestone_id column.',
            'osce.set_index("milestone_id").loc["osce-chair-2010", "date"].year gives a year.',
            "Subtract the earlier year from the later one.",
        ],
        mistakes=[
            Mistake(
                say="That runs to the decision to give Kazakhstan the chair. The "
                "question asks when the chairmanship began.",
                wrong=lambda reference: years_between(
                    "csce-admission-1992", "osce-chair-decision-2007"
                ),
            )
        ],
        solution=Solution(
            code='dates = osce.set_index("milestone_id")["date"]\n'
            'answer_05_2 = dates["osce-chair-2010"].year - dates["csce-admission-1992"].year\n',
            why="The chairmanship began years after Kazakhstan joined the CSCE, and a few years "
            "after the decision that it would chair. Taking the decision's row instead "
            "would answer a different question.",
        ),
    ),
    Exercise(
        id="05.3",
        question="Whole months from the declared Security Council candidacy to the election.",
        kind="number",
        reference=lambda: months_between("unsc-candidacy-2010", "unsc-election-2016"),
        unit="months",
        hints=[
            'The rows are "unsc-candidacy-2010" and "unsc-election-2016". The candidacy is '
            "known only to the month, so count months, not days.",
            "Months between two dates: 12 times the difference of the years, plus the "
            "difference of the months.",
            "A date has .year and .month attributes.",
        ],
        mistakes=[
            Mistake(
                say="That is in years; the question asks for months.",
                wrong=lambda reference: reference / 12,
            )
        ],
        solution=Solution(
            code='dates = unsc.set_index("milestone_id")["date"]\n'
            'start, end = dates["unsc-candidacy-2010"], dates["unsc-election-2016"]\n'
            "answer_05_3 = (end.year - start.year) * 12 + (end.month - start.month)\n",
            why="The candidacy is known only to the month, so the day stored for it (the first) "
            "is a convention. Counting whole months uses only what the sources give: 12 "
            "months per year of difference plus the difference of the months.",
        ),
    ),
    Exercise(
        id="05.4",
        question="The percentage of the institutional milestones with a known place that "
        "took place in Kazakhstan.",
        kind="number",
        reference=share_in_kazakhstan,
        abs_tol=0.1,
        unit="%",
        hints=[
            "The table located (made above) holds only the milestones with a place, with the "
            "country of each place in place_iso3.",
            'located["place_iso3"] == "KAZ" is True for each milestone in Kazakhstan.',
            "A percentage is 100 times the part divided by the whole; the whole is the number "
            "of rows of located.",
        ],
        mistakes=[
            Mistake(
                say="That divides by every institutional milestone, including those "
                "without a place. The question asks about the ones with a known place.",
                wrong=lambda reference: share_in_kazakhstan(of_all=True),
            ),
            FRACTION_NOT_PERCENT,
        ],
        solution=Solution(
            code='in_kazakhstan = (located["place_iso3"] == "KAZ").sum()\n'
            "answer_05_4 = 100 * in_kazakhstan / len(located)\n",
            why="located holds only the milestones with a known place, so it is the right "
            "whole. Dividing by every institutional milestone would count the ones without "
            "a place as if they had happened abroad.",
        ),
    ),
    Exercise(
        id="05.5",
        question="The category whose number of milestones grew most from the 1990s to the 2010s.",
        kind="text",
        reference=biggest_growth,
        hints=[
            "The table per_decade (made above) has one row per category and one column per decade.",
            "per_decade[2010] - per_decade[1990] gives the change of each category.",
            ".idxmax() gives the category with the largest change.",
        ],
        mistakes=[
            Mistake(
                say="That category shrank most. The question asks which one grew most.",
                when=lambda answer: answer == str(growth().idxmin()),
            )
        ],
        solution=Solution(
            code="change = per_decade[2010] - per_decade[1990]\nanswer_05_5 = change.idxmax()\n",
            why="Subtracting two columns of the crosstab gives the change of each category; "
            "idxmax() returns the category with the largest increase. The table counts what "
            "the collection recorded, so the change says at least as much about the "
            "collection's themes as about Kazakhstan.",
        ),
    ),
    Exercise(
        id="05.6",
        question="The milestone_id of the institutional milestone that ends the longest gap "
        "between consecutive institutional milestones.",
        kind="text",
        reference=after_longest_gap,
        hints=[
            "The table ordered (made above) has the milestones in date order and a gap_days "
            "column: the days since the milestone before.",
            'ordered["gap_days"].idxmax() gives the row label of the longest gap.',
            'ordered.loc[that_label, "milestone_id"] gives the id of the milestone after the gap.',
        ],
        mistakes=[
            Mistake(
                say="That is the milestone before the gap. The question asks for "
                "the one that ends it.",
                when=lambda answer: answer == before_longest_gap().replace("-", " "),
            )
        ],
        solution=Solution(
            code='longest = ordered["gap_days"].idxmax()\n'
            'answer_05_6 = ordered.loc[longest, "milestone_id"]\n',
            why="gap_days is the time since the milestone before, so the row with the largest "
            "gap is the milestone that ends it. Its date is known only to the month, so the "
            "length of the gap in days is approximate, within about a month.",
        ),
    ),
    Exercise(
        id="05.7",
        question="The mean number of years between two consecutive Congresses of Leaders of "
        "World and Traditional Religions, from the first (2003) to the eighth (2025).",
        kind="number",
        reference=congress_interval,
        abs_tol=0.01,
        unit="years",
        hints=[
            'The rows "congress-religions-2003" and "congress-religions-2025" give the first '
            "and the eighth congress.",
            "Eight congresses in a row have seven gaps between them, not eight.",
            "Divide the years from the first to the eighth by the number of gaps.",
        ],
        mistakes=[
            Mistake(
                say="That divides by eight, the number of congresses. Eight congresses have "
                "seven gaps between them.",
                wrong=lambda reference: congress_interval(count=CONGRESS_COUNT + 1),
            ),
            Mistake(
                say="That is the whole span from the first to the eighth congress; the question "
                "asks for the mean gap between two congresses.",
                wrong=lambda reference: reference * (CONGRESS_COUNT - 1),
            ),
        ],
        solution=Solution(
            code='dates = milestones.set_index("milestone_id")["date"]\n'
            'span = dates["congress-religions-2025"].year - dates["congress-religions-2003"].year\n'
            "answer_05_7 = span / (8 - 1)\n",
            why="Eight congresses have seven intervals (the fence-post rule), and 22 years over "
            "seven intervals is a little more than three years. A congress every three years "
            "from 2003 would have put the eighth in 2024: the mean shows that the schedule "
            "slipped at least once, but not when or why; for that you need the dates of the "
            "congresses in between, which the table does not hold.",
        ),
    ),
]
