"""Exercises of notebook 07 (corridors and energy), computed from the data, with their worked
solutions."""

import pandas as pd

from utils.countries import normalise_text
from utils.data import load
from utils.exercises import MILES_NOT_KM, Exercise, Mistake, Solution
from utils.geo import great_circle_km

SPEECH = "belt-and-road-speech-2013"
CORRIDOR_IDS = [
    "khorgos-railway-2012",
    SPEECH,
    "khorgos-dry-port-2015",
    "kuryk-first-cargo-2017",
    "kuryk-hub-2018",
]


def stops() -> pd.DataFrame:
    """Every waypoint of every route with its place's coordinates and country, in order."""
    places = load("places")[["place_id", "name", "lat", "lon", "iso3"]]
    joined = load("routes").merge(places, on="place_id")
    return joined.sort_values(["route_id", "seq"]).reset_index(drop=True)


def waypoint_countries() -> set:
    return set(stops()["iso3"])


def routes_without_russia() -> set:
    table = stops()
    with_russia = set(table.loc[table["iso3"] == "RUS", "route_id"])
    return set(table["route_id"]) - with_russia


def waypoint_routes_in(iso3) -> set:
    """Routes with at least one waypoint in the given country."""
    table = stops()
    return set(table.loc[table["iso3"] == iso3, "route_id"])


def corridor() -> pd.DataFrame:
    """The energy milestones and the rail/port/speech milestones of the corridor timeline."""
    milestones = load("milestones")
    chosen = (milestones["category"] == "energy") | milestones["milestone_id"].isin(CORRIDOR_IDS)
    return milestones[chosen]


def after_speech(include_speech=False) -> set:
    table = corridor()
    speech_date = table.loc[table["milestone_id"] == SPEECH, "date"].iloc[0]
    later = table["date"] >= speech_date if include_speech else table["date"] > speech_date
    return set(table.loc[later, "milestone_id"])


def route_lengths() -> pd.Series:
    """Length of each route along its waypoints (sum of great-circle legs), longest first."""
    lengths = {}
    for route_id, part in stops().groupby("route_id"):
        points = list(zip(part["lat"], part["lon"]))
        lengths[route_id] = sum(great_circle_km(*a, *b) for a, b in zip(points, points[1:]))
    return pd.Series(lengths, name="km").sort_values(ascending=False)


def straight_line(route_id) -> float:
    """First stop to last stop in one great circle (a mistake for a route's length)."""
    part = stops()[stops()["route_id"] == route_id]
    first, last = part.iloc[0], part.iloc[-1]
    return great_circle_km(first["lat"], first["lon"], last["lat"], last["lon"])


def kuryk_route_km() -> float:
    return float(route_lengths()["trans-caspian-kuryk"])


EXERCISES = [
    Exercise(
        id="07.1",
        question="The countries in which the waypoints of the five routes lie.",
        kind="set",
        items="country",
        reference=waypoint_countries,
        hints=[
            "The stops table has one row per waypoint, with the country of each in the iso3 "
            "column.",
            'set(stops["iso3"]) gives each country once.',
        ],
        mistakes=[
            Mistake(
                say="Uzbekistan is crossed by the gas pipeline (see its note), but "
                "no waypoint lies there; the question asks about waypoints.",
                when=lambda answer: (
                    "UZB" in answer and set(answer) - {"UZB"} == waypoint_countries()
                ),
            )
        ],
        solution=Solution(
            code='answer_07_1 = set(stops["iso3"])\n',
            why="Each waypoint row carries the country of its place, and a set keeps each "
            "country once. Uzbekistan is not in the answer although the gas pipeline "
            "crosses it: no source we read names a point there, so the data has no "
            "waypoint in it. A waypoint list shows where a route stops, not every country "
            "it crosses.",
        ),
    ),
    Exercise(
        id="07.2",
        question="The routes (route_id) with no waypoint in Russia.",
        kind="set",
        reference=routes_without_russia,
        hints=[
            'stops[stops["iso3"] == "RUS"] keeps the waypoints in Russia; their route_id values '
            "are the routes that do have one.",
            "Make a set of all route_id values and a set of the routes with a waypoint in Russia.",
            "The difference of two sets (a - b) keeps what is in a but not in b.",
        ],
        mistakes=[
            Mistake(
                say="Those are the routes that DO have a waypoint in Russia. The "
                "question asks for the others.",
                when=lambda answer: (
                    set(answer) == {normalise_text(r) for r in waypoint_routes_in("RUS")}
                ),
            )
        ],
        solution=Solution(
            code='with_russia = set(stops.loc[stops["iso3"] == "RUS", "route_id"])\n'
            'answer_07_2 = set(stops["route_id"]) - with_russia\n',
            why="The set difference keeps every route that is not among those with a waypoint "
            "in Russia. This is a test on waypoints only: the gas pipeline shows that a "
            "route can cross a country where the data has no stop, so the result says "
            "'no waypoint in Russia', and a map of the real routes is needed to say more.",
        ),
    ),
    Exercise(
        id="07.3",
        question="The corridor milestones (milestone_id) dated after the Belt and Road speech.",
        kind="set",
        reference=after_speech,
        hints=[
            'Find the speech\'s date: corridor.loc[corridor["milestone_id"] == '
            '"belt-and-road-speech-2013", "date"].iloc[0].',
            "Keep the rows of corridor whose date is greater than that date (>, not >=).",
            "Make a set of their milestone_id values.",
        ],
        mistakes=[
            Mistake(
                say="That includes the speech itself; keep only the milestones strictly after it.",
                when=lambda answer: (
                    set(answer) == {normalise_text(m) for m in after_speech(include_speech=True)}
                ),
            )
        ],
        solution=Solution(
            code='speech_date = corridor.loc[corridor["milestone_id"] == "belt-and-road-speech-2013", "date"].iloc[0]\n'
            'answer_07_3 = set(corridor.loc[corridor["date"] > speech_date, "milestone_id"])\n',
            why="Comparing dates with > keeps the milestones strictly after the speech, so the "
            "speech itself is left out. All of them concern the rail-and-ferry route west "
            "from Khorgos; the Khorgos rail link and the pipelines came earlier. Being "
            "later does not show that the speech caused them.",
        ),
    ),
    Exercise(
        id="07.4",
        question="The length of the Trans-Caspian route via Kuryk as the sum of its "
        "great-circle legs, in kilometres.",
        kind="number",
        reference=kuryk_route_km,
        abs_tol=5,
        unit="km",
        hints=[
            "The legs table has one row per leg; keep the rows whose route_id is "
            '"trans-caspian-kuryk".',
            "Then add up their km column: .sum().",
        ],
        mistakes=[
            Mistake(
                say="That is the straight line from the first stop to the last. The route "
                "goes through Kuryk: add up its legs.",
                wrong=lambda reference: straight_line("trans-caspian-kuryk"),
            ),
            MILES_NOT_KM,
        ],
        solution=Solution(
            code='answer_07_4 = legs[legs["route_id"] == "trans-caspian-kuryk"]["km"].sum()\n',
            why="A route's length along its waypoints is the sum of its legs. The straight "
            "line from Khorgos to Baku is shorter, because the route bends at Kuryk; the "
            "real rail line and ferry crossing are longer still.",
        ),
    ),
    Exercise(
        id="07.5",
        question="Each route's length along its waypoints in km, indexed by route_id, longest "
        "first.",
        kind="series",
        reference=route_lengths,
        index=True,
        abs_tol=5,
        hints=[
            'Group the legs table by route: legs.groupby("route_id")["km"].',
            "Add up each group's legs with .sum().",
            "sort_values(ascending=False) puts the longest route first.",
        ],
        solution=Solution(
            code='answer_07_5 = legs.groupby("route_id")["km"].sum().sort_values(ascending=False)\n',
            why="groupby collects the legs of each route and sum() adds them up, giving one "
            "length per route indexed by route_id; sort_values(ascending=False) puts the "
            "longest first. Routes with fewer waypoints are drawn straighter, so their "
            "lengths are underestimated more.",
        ),
    ),
]
