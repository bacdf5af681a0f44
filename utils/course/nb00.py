"""Exercises of notebook 00 (start here): one warm-up computed from the borders table, with its
worked solution."""

from utils.data import load
from utils.exercises import Exercise, Mistake, Solution


def land_neighbours() -> int:
    """Distinct neighbours in the borders table (a neighbour has one row per source)."""
    return int(load("borders")["neighbour_iso3"].nunique())


def border_rows() -> int:
    """The number of rows, a common wrong answer: it counts a neighbour once per source."""
    return len(load("borders"))


EXERCISES = [
    Exercise(
        id="00.1",
        question="How many land neighbours does Kazakhstan have?",
        kind="number",
        reference=land_neighbours,
        hints=[
            'Load the table with borders = load("borders") and look at it: each row is one '
            "neighbour according to one source.",
            "Some neighbours appear on more than one row, once per source. Count each "
            "neighbour only once.",
            "The column neighbour_iso3 holds a code per neighbour; .nunique() counts the "
            "distinct values of a column.",
        ],
        mistakes=[
            Mistake(
                say="That is the number of rows. A neighbour appears once per source, so "
                "count distinct neighbours instead.",
                wrong=lambda reference: border_rows(),
            ),
        ],
        solution=Solution(
            code='borders = load("borders")\nanswer_00_1 = borders["neighbour_iso3"].nunique()\n',
            why="Each row of the borders table is one neighbour according to one source, so a "
            "neighbour named by several sources appears on several rows. nunique() counts "
            "each neighbour code once; len(borders) would count rows, not neighbours.",
        ),
    ),
]
