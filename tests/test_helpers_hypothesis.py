"""Property tests: any value into the helpers learners call with a value from a cell.

find_country, country_profile, great_circle_km (every argument) and cite get the property test
that check() has (tests/test_exercises_hypothesis.py): whatever goes in, from a real country
name to an object whose __eq__, __lt__, __str__, __float__ or __hash__ raises, either a result
comes out or one learner-facing line (a LearnerError), never another exception. The number of
values tried per helper is printed at the end of the module.
"""

import collections
import math
import time

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from utils.data import cite, load
from utils.errors import LearnerError
from utils.geo import great_circle_km
from utils.profile import CountryProfile, country_profile, find_country

from hostile import ANY_VALUE, HostileClassAttr, HostileFloat, HostileInt, HostileStr

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

COUNTS = collections.Counter()
BUDGET = {"find_country": 600, "country_profile": 100, "great_circle_km": 1200, "cite": 200}
NAMED = {"find_country": 300, "country_profile": 60}  # more values: real and near names

COUNTRIES = load("countries")
ISO3 = set(COUNTRIES["iso3"])
SOURCE_IDS = list(load("sources")["source_id"])
HALF_EARTH_KM = math.pi * 6371.009 + 1e-6

NAMES = st.sampled_from(
    list(COUNTRIES["iso3"][:40])
    + list(COUNTRIES["name"][:40])
    + ["china", " Russia ", "Türkiye", "Republic of Korea", "KAZ", "kazakstan", "Chna"]
)
FEW_NAMES = st.sampled_from(["China", "RUS", "kaz", "Türkiye", "Nauru", "USA", "Atlantis"])
DEGREES = st.one_of(
    st.floats(-90, 90),
    st.integers(-90, 90),
    st.floats(-400, 400),
    st.sampled_from([51.1801, 71.446, 0, -0.0, 90, -180, 180, 360]),
)
SOURCE_THINGS = st.one_of(
    st.sampled_from(SOURCE_IDS[:30]),
    st.lists(st.sampled_from(SOURCE_IDS[:30]), max_size=4),
    st.just(load("borders")),
    st.just(load("facts").head(3)),
    st.lists(st.sampled_from(SOURCE_IDS[:5]), max_size=3).map(
        lambda ids: pd.DataFrame({"source_id": ids, "source_id_2": [None] * len(ids)})
    ),
)


def half(ordinary, hostile=ANY_VALUE):
    """Half the values from `ordinary` (so that results are checked too), half from `hostile`."""
    return st.booleans().flatmap(lambda plain: ordinary if plain else hostile)


def settings_for(helper, budget=None):
    return settings(
        max_examples=budget or BUDGET[helper],
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )


def outcome(helper, call, *args):
    """Call the helper; return its result, or None after checking the one learner-facing line."""
    COUNTS[helper] += 1
    try:
        result = call(*args)
    except LearnerError as err:
        text = str(err)
        assert text and "\n" not in text and len(text) < 600, text
        assert "Traceback" not in text, text
        COUNTS[f"{helper}: one line"] += 1
        return None
    COUNTS[f"{helper}: result"] += 1
    return result


@pytest.fixture(scope="module", autouse=True)
def report(request):
    start = time.perf_counter()
    yield
    seconds = time.perf_counter() - start
    helpers = [h for h in BUDGET if COUNTS[h]]
    line = (
        "hypothesis (helpers): "
        + "; ".join(
            f"{h} {COUNTS[h]} values ({COUNTS[h + ': result']} results, "
            f"{COUNTS[h + ': one line']} one-line errors)"
            for h in helpers
        )
        + f", in {seconds:.1f} s"
    )
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line("")
            reporter.write_line(line)


@settings_for("find_country")
@given(ANY_VALUE)
def test_find_country_takes_any_value(value):
    result = outcome("find_country", find_country, value)
    assert result is None or result in ISO3


@settings_for("find_country", NAMED["find_country"])
@given(st.one_of(NAMES, st.text(max_size=30)))
def test_find_country_reads_names(value):
    result = outcome("find_country", find_country, value)
    assert result is None or result in ISO3


@settings_for("country_profile")
@given(ANY_VALUE)
def test_country_profile_takes_any_value(value):
    assert outcome("country_profile", country_profile, value) is None


@settings_for("country_profile", NAMED["country_profile"])
@given(FEW_NAMES)
def test_country_profile_reads_names(value):
    profile = outcome("country_profile", country_profile, value)
    if profile is not None:
        assert isinstance(profile, CountryProfile) and profile.iso3 in ISO3
        text = profile.describe()
        assert text and "\n" not in text


@settings_for("great_circle_km")
@given(
    half(
        st.tuples(DEGREES, DEGREES, DEGREES, DEGREES),
        st.tuples(half(DEGREES), half(DEGREES), half(DEGREES), half(DEGREES)),
    )
)
def test_great_circle_km_takes_any_value(point):
    distance = outcome("great_circle_km", great_circle_km, *point)
    if distance is not None:
        assert type(distance) is float and 0 <= distance <= HALF_EARTH_KM


@settings_for("cite")
@given(st.lists(half(SOURCE_THINGS), max_size=3))
def test_cite_takes_any_value(things):
    table = outcome("cite", cite, *things)
    if table is not None:
        assert list(table.columns)[:3] == ["source_id", "publisher", "title"]
        assert set(table["source_id"]) <= set(SOURCE_IDS)


# Hypothesis cannot carry an object that hides its class; these are tried here by hand.
BY_HAND = {
    "HostileClassAttr": HostileClassAttr,
    "HostileStr": lambda: HostileStr("China"),
    "HostileInt": lambda: HostileInt(45),
    "HostileFloat": lambda: HostileFloat(45.5),
}


@pytest.mark.parametrize("kind", list(BY_HAND))
def test_hostile_values_by_hand(kind):
    value = BY_HAND[kind]()
    assert outcome("find_country", find_country, value) in ISO3 | {None}
    assert outcome("country_profile", country_profile, value) is None or isinstance(
        value, HostileStr
    )
    for position in range(4):
        args = [51.18, 71.45, 55.75, 37.62]
        args[position] = value
        outcome("great_circle_km", great_circle_km, *args)
    outcome("cite", cite, value)
    outcome("cite", cite, [value, SOURCE_IDS[0]])


@pytest.mark.parametrize(
    "value", [None, 3, 2.5, True, b"factbook-2026-01", [None], [3], "recursive"], ids=repr
)
def test_cite_gives_the_unknown_id_line(value):
    """The values issue 20 names get the message an unknown id gets, not a TypeError."""
    if value == "recursive":
        value = ["factbook-2026-01"]
        value.append(value)
    with pytest.raises(LearnerError) as info:
        cite(value)
    text = str(info.value)
    assert text.startswith("Unknown source id(s): ") and "data/sources.csv" in text, text
    assert "\n" not in text


def test_cite_still_reads_ids_lists_and_tables():
    borders = load("borders")
    table = cite(borders, SOURCE_IDS[0], [SOURCE_IDS[1], (SOURCE_IDS[2],)])
    expected = list(dict.fromkeys(list(borders["source_id"]) + SOURCE_IDS[:3]))
    assert list(table["source_id"]) == expected


# ------------------------------------------------------------------ hint levels

HINT_SETTINGS = settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)


@HINT_SETTINGS
@given(level=ANY_VALUE | st.integers(-5, 10) | st.sampled_from([True, 1.0, "1"]))
def test_hint_with_any_level_gives_a_note(level):
    """hint("01.1", level): a hint or the one line that says which levels exist, never a traceback."""
    from utils import hint
    from utils.exercises.feedback import FeedbackNote

    note = hint("01.1", level)
    assert type(note) is FeedbackNote
    assert "Traceback" not in repr(note) and "0x" not in repr(note)


def test_hint_levels_that_lie_about_their_class():
    from utils import hint

    assert "Hint 1 of" in repr(hint("01.1", HostileInt(1)))
    for level in (HostileClassAttr(), True, 1.0, "1", 0, 99):
        assert "has hints 1 to" in repr(hint("01.1", level))
