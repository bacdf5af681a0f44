"""Exercises of notebook 01 (geography: a Eurasian crossroads), computed from the data, with their
worked solutions."""

from utils.data import load
from utils.exercises import FRACTION_NOT_PERCENT, MILES_NOT_KM, Exercise, Mistake, Solution
from utils.geo import great_circle_km


def area_rank() -> int:
    """Kazakhstan's rank by total area among all entries of the countries table."""
    countries = load("countries").dropna(subset=["area_km2"])
    ranked = countries.sort_values("area_km2", ascending=False).reset_index(drop=True)
    return int(ranked.index[ranked["iso3"] == "KAZ"][0]) + 1


def fact(fact_id):
    facts = load("facts").set_index("fact_id")
    return float(facts.loc[fact_id, "value"])


def europe_share_ural() -> float:
    """Area west of the Ural river as a percentage of Kazakhstan's total area."""
    return 100 * fact("kz_europe_area_km2_ural") / fact("kz_area_total_km2")


def preferred_borders():
    borders = load("borders")
    return borders[borders["preferred"].fillna(False)]


def total_border() -> float:
    """Sum of the preferred border length of each neighbour."""
    return float(preferred_borders()["length_km"].sum())


def most_disputed() -> str:
    """The neighbour whose border lengths spread most, relative to the preferred figure."""
    borders = load("borders")
    spread = borders.groupby("neighbour_iso3")["length_km"].agg(lambda s: s.max() - s.min())
    preferred = preferred_borders().set_index("neighbour_iso3")["length_km"]
    return str((spread / preferred).idxmax())


def biggest_absolute_spread() -> str:
    borders = load("borders")
    return str(
        borders.groupby("neighbour_iso3")["length_km"].agg(lambda s: s.max() - s.min()).idxmax()
    )


def neighbours_on_caspian() -> set:
    neighbours = set(load("borders")["neighbour_iso3"])
    caspian = set(load("caspian_states")["iso3"])
    return neighbours & caspian


def capital(iso3):
    row = load("countries").set_index("iso3").loc[iso3]
    return float(row["capital_lat"]), float(row["capital_lon"])


def astana_new_delhi_km() -> float:
    return great_circle_km(*capital("KAZ"), *capital("IND"))


EXERCISES = [
    Exercise(
        id="01.1",
        question="Kazakhstan's rank by total area in the countries table (1 = largest).",
        kind="number",
        reference=area_rank,
        hints=[
            "Sort the countries table by area_km2, largest first: "
            'countries.sort_values("area_km2", ascending=False).',
            "After sorting, reset the index (reset_index(drop=True)) so that the position of "
            "each row is its rank minus one.",
            "Find the row whose iso3 is KAZ and add 1 to its position.",
        ],
        mistakes=[
            Mistake(
                say="Counting from 0? The largest country has rank 1.",
                wrong=lambda reference: reference - 1,
            )
        ],
        solution=Solution(
            code='ranked = countries.sort_values("area_km2", ascending=False).reset_index(drop=True)\n'
            'answer_01_1 = ranked.index[ranked["iso3"] == "KAZ"][0] + 1\n',
            why="Sorting by area puts the largest entry first; after reset_index the row "
            "positions run 0, 1, 2, ... so the rank is the position plus one. Note that the "
            "table lists Antarctica, which is not a country: leave it out and the rank "
            "changes, one reason why published ranks differ.",
        ),
    ),
    Exercise(
        id="01.2",
        question="The area west of the Ural river as a percentage of Kazakhstan's total area.",
        kind="number",
        reference=europe_share_ural,
        abs_tol=0.1,
        unit="%",
        hints=[
            'The facts table has both numbers: fact_id "kz_europe_area_km2_ural" and '
            '"kz_area_total_km2".',
            'facts = load("facts").set_index("fact_id") lets you write '
            'facts.loc["kz_area_total_km2", "value"].',
            "A percentage is 100 times the part divided by the whole.",
        ],
        mistakes=[FRACTION_NOT_PERCENT],
        solution=Solution(
            code='facts = load("facts").set_index("fact_id")\n'
            'west = facts.loc["kz_europe_area_km2_ural", "value"]\n'
            'total = facts.loc["kz_area_total_km2", "value"]\n'
            "answer_01_2 = 100 * west / total\n",
            why="The share is the part over the whole, times 100 for a percentage. The result "
            "depends on where you draw the line between Europe and Asia; the facts table "
            "holds other conventions with other results.",
        ),
    ),
    Exercise(
        id="01.3",
        question="The total length of Kazakhstan's land borders, using the preferred figure "
        "for each neighbour.",
        kind="number",
        reference=total_border,
        abs_tol=0.5,
        unit="km",
        hints=[
            "Each neighbour appears once per source. Keep only the rows where preferred is True.",
            'borders[borders["preferred"]] keeps those rows; then sum the length_km column.',
        ],
        mistakes=[
            Mistake(
                say="That adds up every row, so each border is counted once per source. "
                "Keep only the preferred rows first.",
                wrong=lambda reference: float(load("borders")["length_km"].sum()),
            ),
            MILES_NOT_KM,
        ],
        solution=Solution(
            code='answer_01_3 = borders[borders["preferred"]]["length_km"].sum()\n',
            why="The table has one row per neighbour and source. Keeping the preferred rows "
            "leaves one figure per neighbour, and their sum is the total land boundary "
            "according to the preferred source.",
        ),
    ),
    Exercise(
        id="01.4",
        question="The neighbour whose border length varies most between sources, relative to "
        "its preferred length.",
        kind="text",
        country=True,
        reference=most_disputed,
        hints=[
            'Group the borders table by neighbour: borders.groupby("neighbour_iso3")["length_km"].',
            "For each neighbour, the spread is the largest figure minus the smallest "
            "(.max() - .min(), or .agg(lambda s: s.max() - s.min())).",
            "Divide each spread by that neighbour's preferred length (a Series indexed by "
            "neighbour), then take .idxmax().",
        ],
        mistakes=[
            Mistake(
                say="That is the biggest spread in kilometres. The question asks "
                "for the spread relative to the length of the border.",
                when=lambda answer: answer == biggest_absolute_spread(),
            )
        ],
        solution=Solution(
            code='spread = borders.groupby("neighbour_iso3")["length_km"].agg(lambda s: s.max() - s.min())\n'
            'preferred = borders[borders["preferred"]].set_index("neighbour_iso3")["length_km"]\n'
            "answer_01_4 = (spread / preferred).idxmax()\n",
            why="A 100 km difference matters more on a short border than on a long one, so the "
            "spread is divided by the border's length. Both Series are indexed by "
            "neighbour, so pandas lines them up before dividing; idxmax() returns the index "
            "label of the largest ratio.",
        ),
    ),
    Exercise(
        id="01.5",
        question="The land neighbours of Kazakhstan that are also Caspian littoral states.",
        kind="set",
        items="country",
        reference=neighbours_on_caspian,
        hints=[
            "Make two Python sets of ISO codes: one from borders.neighbour_iso3, one from "
            "caspian_states.iso3.",
            "The & operator gives the elements that are in both sets.",
            "Kazakhstan is a Caspian state too, but it is not its own neighbour.",
        ],
        solution=Solution(
            code='neighbours = set(borders["neighbour_iso3"])\n'
            'caspian = set(caspian_states["iso3"])\n'
            "answer_01_5 = neighbours & caspian\n",
            why="The intersection of two sets holds what is in both. Kazakhstan itself is in "
            "the Caspian set but not in the neighbours set, so it drops out.",
        ),
    ),
    Exercise(
        id="01.6",
        question="The great-circle distance from Astana to New Delhi in kilometres.",
        kind="number",
        reference=astana_new_delhi_km,
        abs_tol=5,
        unit="km",
        hints=[
            "The countries table has each capital's latitude and longitude "
            "(capital_lat, capital_lon).",
            "great_circle_km(lat1, lon1, lat2, lon2) gives the distance in kilometres.",
            "New Delhi is India's capital (iso3 IND); Astana is Kazakhstan's (KAZ).",
        ],
        mistakes=[MILES_NOT_KM],
        solution=Solution(
            code='capitals = countries.set_index("iso3")\n'
            'kaz, ind = capitals.loc["KAZ"], capitals.loc["IND"]\n'
            'answer_01_6 = great_circle_km(kaz["capital_lat"], kaz["capital_lon"],\n'
            '                              ind["capital_lat"], ind["capital_lon"])\n',
            why="The great-circle distance is the shortest path over the surface of a sphere. "
            "It needs only the two capitals' coordinates, which the countries table "
            "holds.",
        ),
    ),
]
