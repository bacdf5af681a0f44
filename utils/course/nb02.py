"""Exercises of notebook 02 (independence and recognition), computed from the data, with their
worked solutions."""

import pandas as pd

from utils.countries import normalise_text
from utils.data import load
from utils.exercises import Exercise, Mistake, Solution


def milestone_date(milestone_id):
    """The date of one row of the milestones table."""
    return load("milestones").set_index("milestone_id").loc[milestone_id, "date"]


def days_sovereignty_to_independence() -> int:
    """Days from the declaration of state sovereignty to the declaration of independence."""
    gap = milestone_date("independence-1991") - milestone_date("sovereignty-declaration-1990")
    return int(gap.days)


def first_recogniser() -> str:
    """The country with the earliest recognition date in diplomatic_relations."""
    relations = load("diplomatic_relations").dropna(subset=["recognised"])
    return str(relations.sort_values("recognised").iloc[0]["iso3"])


def us_claim() -> str:
    return "USA"


def relations_in_year(year=1992) -> int:
    """Countries in the table that established relations in the given year."""
    relations = load("diplomatic_relations")
    return int((relations["relations_established"].dt.year == year).sum())


def gaps_in_days() -> pd.Series:
    """Days from recognition to relations, for countries with both dates, by ISO code."""
    relations = load("diplomatic_relations").dropna(subset=["recognised", "relations_established"])
    gap = relations["relations_established"] - relations["recognised"]
    return pd.Series(gap.dt.days.values, index=relations["iso3"].values)


def longest_wait() -> str:
    return str(gaps_in_days().idxmax())


def shortest_wait() -> str:
    return str(gaps_in_days().idxmin())


def un_admission_date():
    """The date Kazakhstan joined the UN, from the memberships table."""
    return load("memberships").set_index("org_id").loc["UN", "joined"]


def relations_before_un(inclusive=False) -> int:
    """Countries whose relations with Kazakhstan were established before UN admission."""
    dates = load("diplomatic_relations")["relations_established"]
    before = dates <= un_admission_date() if inclusive else dates < un_admission_date()
    return int(before.sum())


def capital_row_on(date):
    """The row of the capitals table in force on a date (start <= date < end)."""
    capitals = load("capitals")
    started = capitals["start"].isna() | (capitals["start"] <= date)
    not_ended = capitals["end"].isna() | (date < capitals["end"])
    return capitals[started & not_ended].iloc[0]


def capital_at_inauguration() -> str:
    """The capital's name on the day of Tokayev's inauguration after the 2019 election."""
    return str(capital_row_on(milestone_date("tokayev-inauguration-2019"))["name"])


def capital_today_name() -> str:
    return str(capital_row_on(milestone_date("tokayev-inauguration-2019"))["city_today"])


EXERCISES = [
    Exercise(
        id="02.1",
        question="Days from the declaration of state sovereignty to the declaration of "
        "independence.",
        kind="number",
        reference=days_sovereignty_to_independence,
        unit="days",
        hints=[
            'Both events are rows of the milestones table: "sovereignty-declaration-1990" and '
            '"independence-1991" in the milestone_id column.',
            'milestones.set_index("milestone_id").loc["independence-1991", "date"] gives one '
            "date; subtracting two dates gives a Timedelta.",
            "A Timedelta's .days is the whole number of days.",
        ],
        mistakes=[
            Mistake(
                say="The sign is reversed: subtract the earlier date from the later one.",
                wrong=lambda reference: -reference,
                rel_tol=0,
            ),
            Mistake(
                say="That looks like a number of months or years; the question asks for "
                "days (a Timedelta's .days).",
                when=lambda answer: 0 < answer < 60,
            ),
            Mistake(
                say="Off by one: the number of days between two dates is the later date "
                "minus the earlier one, without counting both ends.",
                wrong=lambda reference: reference + 1,
                rel_tol=0,
            ),
        ],
        solution=Solution(
            code='events = milestones.set_index("milestone_id")["date"]\n'
            'gap = events["independence-1991"] - events["sovereignty-declaration-1990"]\n'
            "answer_02_1 = gap.days\n",
            why="Subtracting one date from another gives a Timedelta, the time between them; its "
            ".days attribute is that time in whole days. Subtract the earlier date from the "
            "later one, or the result is negative.",
        ),
    ),
    Exercise(
        id="02.2",
        question="The country with the earliest recognition date in the diplomatic_relations "
        "table.",
        kind="text",
        country=True,
        reference=first_recogniser,
        hints=[
            "Most rows have no recognition date. Drop them first: "
            'relations.dropna(subset=["recognised"]).',
            'Sort what is left by "recognised" and look at the first row.',
            "Answer with the iso3 code or the country's name.",
        ],
        mistakes=[
            Mistake(
                say="The US State Department does call the United States the first "
                "to recognise Kazakhstan, but that is a claim in a note. The "
                "question asks which date in the recognised column is earliest.",
                when=lambda answer: answer == us_claim(),
            )
        ],
        solution=Solution(
            code='dated = relations.dropna(subset=["recognised"])\n'
            'answer_02_2 = dated.sort_values("recognised").iloc[0]["iso3"]\n',
            why="Only a few rows have a recognition date; dropping the others and sorting by "
            "date puts the earliest first. This is the earliest date in our table, not a "
            "settled answer to 'who was first': the notes record that other sources claim "
            "the same for other states.",
        ),
    ),
    Exercise(
        id="02.3",
        question="How many countries in the table established relations with Kazakhstan in 1992.",
        kind="number",
        reference=relations_in_year,
        unit="countries",
        hints=[
            'relations["relations_established"].dt.year gives the year of each date '
            "(missing dates give a missing year).",
            "Compare the years with 1992 and count the True values with .sum().",
        ],
        mistakes=[
            Mistake(
                say="That counts every row of the table; keep only the rows whose "
                "relations_established year is 1992.",
                wrong=lambda reference: len(load("diplomatic_relations")),
                rel_tol=0,
            )
        ],
        solution=Solution(
            code='years = relations["relations_established"].dt.year\n'
            "answer_02_3 = (years == 1992).sum()\n",
            why=".dt.year takes the year of each date (a missing date gives a missing year, "
            "which is never equal to 1992). Comparing gives True/False per row, and the sum "
            "of a True/False column counts the True values.",
        ),
    ),
    Exercise(
        id="02.4",
        question="Among countries with both dates, the one that waited longest between "
        "recognising Kazakhstan and establishing relations.",
        kind="text",
        country=True,
        reference=longest_wait,
        hints=[
            "Keep the rows that have both dates: "
            'relations.dropna(subset=["recognised", "relations_established"]).',
            "Subtract the two date columns and take .dt.days for the wait in days.",
            "Put the result in a Series indexed by iso3 (or add it as a column and sort), then "
            "take the largest with .idxmax().",
        ],
        mistakes=[
            Mistake(
                say="That is the country with the shortest wait between the two "
                "dates; the question asks for the longest.",
                when=lambda answer: answer == shortest_wait(),
            )
        ],
        solution=Solution(
            code='both = relations.dropna(subset=["recognised", "relations_established"])\n'
            'wait = (both["relations_established"] - both["recognised"]).dt.days\n'
            'wait.index = both["iso3"]\n'
            "answer_02_4 = wait.idxmax()\n",
            why="Only rows with both dates can give a wait. Subtracting the columns gives one "
            "Timedelta per row and .dt.days turns them into numbers. With the ISO codes as "
            "the index, idxmax() returns the code of the largest wait.",
        ),
    ),
    Exercise(
        id="02.5",
        question="How many countries in the table had established relations with Kazakhstan "
        "before the day it joined the UN.",
        kind="number",
        reference=relations_before_un,
        unit="countries",
        hints=[
            'The memberships table has the date Kazakhstan joined the UN: the "joined" '
            'column of the row whose org_id is "UN".',
            "Compare the relations_established column with that date using < and count the "
            "True values with .sum().",
        ],
        mistakes=[
            Mistake(
                say="That counts the relations established on the day of admission "
                "as well; the question asks for those before it (use <, not <=).",
                wrong=lambda reference: relations_before_un(inclusive=True),
                rel_tol=0,
            )
        ],
        solution=Solution(
            code='un_joined = memberships.set_index("org_id").loc["UN", "joined"]\n'
            'answer_02_5 = (relations["relations_established"] < un_joined).sum()\n',
            why="The UN admission date comes from the memberships table. Comparing a date column "
            "with one date gives True/False per row (False for missing dates), and the sum "
            "counts the True values. '<' leaves out relations established on the day of "
            "admission itself.",
        ),
    ),
    Exercise(
        id="02.6",
        question="The capital's name on the day of Tokayev's inauguration after the 2019 election.",
        kind="text",
        reference=capital_at_inauguration,
        hints=[
            'The date is in the milestones table (milestone_id "tokayev-inauguration-2019").',
            "In the capitals table a name was in use from start up to, but not including, end. "
            "An empty start or end means the period is open on that side.",
            "Keep the row with start <= date and date < end; its name column is the answer.",
        ],
        mistakes=[
            Mistake(
                say="That is the city's name today (city_today). The question asks "
                "for the name in use on that day.",
                when=lambda answer: answer == normalise_text(capital_today_name()),
            )
        ],
        solution=Solution(
            code='day = milestones.set_index("milestone_id").loc["tokayev-inauguration-2019", "date"]\n'
            'started = capitals["start"].isna() | (capitals["start"] <= day)\n'
            'not_ended = capitals["end"].isna() | (day < capitals["end"])\n'
            'answer_02_6 = capitals[started & not_ended].iloc[0]["name"]\n',
            why="Each row of the capitals table is a period, from start up to end. A missing "
            "start or end means the period is open on that side, so isna() lets those rows "
            "through. Exactly one period contains the day; its name is the one in use then, "
            "while city_today gives the city's name now.",
        ),
    ),
]
