"""Exercises of notebook 01 (geography: a Eurasian crossroads), computed from the data."""

from utils.data import load
from utils.exercises import FRACTION_NOT_PERCENT, MILES_NOT_KM, Exercise, Mistake
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
    return str(borders.groupby("neighbour_iso3")["length_km"]
               .agg(lambda s: s.max() - s.min()).idxmax())


def neighbours_on_caspian() -> set:
    neighbours = set(load("borders")["neighbour_iso3"])
    caspian = set(load("caspian_states")["iso3"])
    return neighbours & caspian


def capital(iso3):
    row = load("countries").set_index("iso3").loc[iso3]
    return float(row["capital_lat"]), float(row["capital_lon"])


def astana_beijing_km() -> float:
    return great_circle_km(*capital("KAZ"), *capital("CHN"))


EXERCISES = [
    Exercise(
        id="01.1",
        question="Kazakhstan's rank by total area in the countries table (1 = largest).",
        kind="number",
        reference=area_rank,
        hints=[
            'Sort the countries table by area_km2, largest first: '
            'countries.sort_values("area_km2", ascending=False).',
            "After sorting, reset the index (reset_index(drop=True)) so that the position of "
            "each row is its rank minus one.",
            "Find the row whose iso3 is KAZ and add 1 to its position.",
        ],
        mistakes=[Mistake(say="Counting from 0? The largest country has rank 1.",
                          wrong=lambda reference: reference - 1)],
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
            "Each neighbour appears once per source. Keep only the rows where preferred is "
            "True.",
            'borders[borders["preferred"]] keeps those rows; then sum the length_km column.',
        ],
        mistakes=[
            Mistake(say="That adds up every row, so each border is counted once per source. "
                        "Keep only the preferred rows first.",
                    wrong=lambda reference: float(load("borders")["length_km"].sum())),
            MILES_NOT_KM,
        ],
    ),
    Exercise(
        id="01.4",
        question="The neighbour whose border length varies most between sources, relative to "
                 "its preferred length.",
        kind="text",
        country=True,
        reference=most_disputed,
        hints=[
            'Group the borders table by neighbour: borders.groupby("neighbour_iso3")'
            '["length_km"].',
            "For each neighbour, the spread is the largest figure minus the smallest "
            "(.max() - .min(), or .agg(lambda s: s.max() - s.min())).",
            "Divide each spread by that neighbour's preferred length (a Series indexed by "
            "neighbour), then take .idxmax().",
        ],
        mistakes=[Mistake(say="That is the biggest spread in kilometres. The question asks "
                              "for the spread relative to the length of the border.",
                          when=lambda answer: answer == biggest_absolute_spread())],
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
    ),
    Exercise(
        id="01.6",
        question="The great-circle distance from Astana to Beijing in kilometres.",
        kind="number",
        reference=astana_beijing_km,
        abs_tol=5,
        unit="km",
        hints=[
            "The countries table has each capital's latitude and longitude "
            "(capital_lat, capital_lon).",
            "great_circle_km(lat1, lon1, lat2, lon2) gives the distance in kilometres.",
            "Beijing is China's capital (iso3 CHN); Astana is Kazakhstan's (KAZ).",
        ],
        mistakes=[MILES_NOT_KM],
    ),
]
