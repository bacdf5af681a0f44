"""Property tests: any table and any argument into the map builders learners call.

choropleth_map, markers_map, links_map and routes_map get the property test that check() has:
a table whose cells may be anything (hostile objects whose __eq__, __str__, __float__ or __hash__
raise, NaN, text, huge numbers) and any value for any argument; either a map comes out or one
learner-facing line (a LearnerError), never another exception. Counts are printed at the end.
"""

import collections

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from utils.errors import LearnerError
from utils.maps import DescribedMap, choropleth_map, links_map, markers_map, routes_map

from hostile import ANY_VALUE, LEAF_HOSTILE, HostileClassAttr, HostileStr

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:Generating overly large repr")]

COUNTS = collections.Counter()
COLUMNS = ["iso3", "value", "lat", "lon", "name", "route", "order"]
GOOD = {
    "iso3": ["KAZ", "RUS", "CHN"],
    "value": [1.0, 2.5, 3.0],
    "lat": [51.2, 55.8, 39.9],
    "lon": [71.4, 37.6, 116.4],
    "name": ["Astana", "Moscow", "Beijing"],
    "route": ["a", "a", "b"],
    "order": [1, 2, 1],
}
CELL = st.one_of(
    st.integers(-400, 400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6),
    st.sampled_from(["KAZ", "RUS", None, "51.2", "", " "]),
    LEAF_HOSTILE,
    st.builds(HostileStr, st.sampled_from(["KAZ", "1.5"])),
)


@st.composite
def tables(draw):
    """The good table with some cells, and sometimes a column name, replaced."""
    data = {c: list(v) for c, v in GOOD.items()}
    for _ in range(draw(st.integers(0, 4))):
        column = draw(st.sampled_from(COLUMNS))
        data[column][draw(st.integers(0, 2))] = draw(CELL)
    frame = pd.DataFrame(data, dtype=object) if draw(st.booleans()) else pd.DataFrame(data)
    if draw(st.integers(0, 5)) == 0:
        frame = frame.rename(
            columns={
                draw(st.sampled_from(COLUMNS)): draw(st.sampled_from([1, None, "other", "lat"]))
            }
        )
    return frame


ARGUMENT = st.one_of(
    st.sampled_from(COLUMNS), st.none(), st.booleans(), st.integers(-2, 12), ANY_VALUE
)
SETTINGS = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)

BUILDERS = {
    "choropleth_map": (
        choropleth_map,
        {"value": "value"},
        ["value", "iso3", "title", "categorical", "classes", "unit", "tiles"],
    ),
    "markers_map": (markers_map, {}, ["lat", "lon", "label", "popup", "title", "circles", "tiles"]),
    "links_map": (
        links_map,
        {"value": "value"},
        ["value", "lat", "lon", "label", "origin", "title", "unit", "tiles"],
    ),
    "routes_map": (routes_map, {}, ["route", "order", "label", "lat", "lon", "title", "tiles"]),
}


def outcome(name, frame, arguments):
    builder, defaults, _ = BUILDERS[name]
    try:
        result = builder(frame, **{**defaults, **arguments})
    except LearnerError as err:
        text = str(err)
        assert "\n" not in text and "Traceback" not in text and len(text) < 800
        COUNTS[name, "one-line error"] += 1
        return None
    assert type(result) is DescribedMap
    COUNTS[name, "map"] += 1
    return result


@pytest.mark.parametrize("name", BUILDERS)
def test_any_table_and_arguments_give_a_map_or_one_line(name):
    keys = BUILDERS[name][2]

    @SETTINGS
    @given(
        frame=st.one_of(tables(), ANY_VALUE),
        arguments=st.dictionaries(st.sampled_from(keys), ARGUMENT, max_size=2),
    )
    def run(frame, arguments):
        outcome(name, frame, arguments)

    run()


@pytest.mark.parametrize("name", BUILDERS)
def test_values_that_lie_about_their_class(name):
    for frame in (HostileClassAttr(), pd.DataFrame(GOOD)):
        for argument in ({}, {"title": HostileClassAttr()}, {"tiles": HostileClassAttr()}):
            outcome(name, frame, argument)


def test_a_good_table_still_draws():
    for name in BUILDERS:
        assert outcome(name, pd.DataFrame(GOOD), {}) is not None, name


def test_counts():
    """Printed with -s: how many maps and one-line errors each builder gave."""
    for name in BUILDERS:
        print(
            f"{name}: {COUNTS[name, 'map']} maps, {COUNTS[name, 'one-line error']} one-line errors"
        )
    assert sum(COUNTS.values()) > 0


def test_a_bad_cell_is_named_by_row_and_column():
    frame = pd.DataFrame(GOOD)
    frame.loc[1, "lat"] = 400
    with pytest.raises(LearnerError) as info:
        markers_map(frame)
    assert (
        "row 1" in str(info.value) and "'lat'" in str(info.value) and "-90 to 90" in str(info.value)
    )
    with pytest.raises(LearnerError) as info:
        choropleth_map(pd.DataFrame(GOOD), value="value", classes=0)
    assert "classes must be a whole number from 1 to 9" in str(info.value)
