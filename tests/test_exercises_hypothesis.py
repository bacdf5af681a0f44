"""Property tests: no answer value, however odd, makes check() raise or misbehave.

Many thousands of generated values (nested containers, extreme numbers, NumPy and pandas
objects, iterators including infinite ones, and hostile objects whose __eq__, __bool__,
__len__, __repr__, ... raise) go to EVERY registered exercise: all modules in utils/course,
plus one test exercise of each answer kind. Each result must be a one-line feedback object that
renders as text and HTML. The number of values checked is printed at the end of the module.
"""

import collections
import datetime as dt
import itertools
import os
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import utils.countries
import utils.exercises as ex
from utils.exercises import CheckResult, Exercise, check, hint, progress, solution

from hostile import ANY_VALUE, HOSTILE_TYPES, HostileClassAttr

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

TOTAL_BUDGET = 14_000  # values per run, shared by all exercises (about 40 s)
# `make check` sets KZW_QUICK=1: a few values per exercise, so the fast tier stays fast.
QUICK = os.environ.get("KZW_QUICK") == "1"
COUNTS = collections.Counter()

# Hostile values and the strategies that make them: tests/hostile.py.

# --------------------------------------------------------------------------- the exercises

KIND_EXERCISES = [
    Exercise("99.1", "number", "number", lambda: 7644, unit="km", mistakes=[ex.MILES_NOT_KM]),
    Exercise("99.2", "year", "year", lambda: 1994),
    Exercise("99.3", "date", "date", lambda: dt.date(2015, 11, 30)),
    Exercise("99.4", "text", "text", lambda: "Astana", aliases=["Akmola"]),
    Exercise("99.5", "country", "text", lambda: "RUS", country=True),
    Exercise("99.6", "choice", "choice", lambda: "goal", options=["fact", "goal"]),
    Exercise("99.7", "set", "set", lambda: ["CHN", "RUS"], items="country"),
    Exercise("99.8", "sequence", "sequence", lambda: [1991, 1992], items="year"),
    Exercise("99.9", "sequence of numbers", "sequence", lambda: [1.5, 2.5], items="number"),
    Exercise("99.10", "set of dates", "set", lambda: ["1991-12-16"], items="date"),
    Exercise(
        "99.11",
        "frame",
        "frame",
        lambda: pd.DataFrame({"iso3": ["RUS", "CHN"], "km": [7644.0, 1765.0]}),
        ordered=False,
    ),
    Exercise("99.12", "series", "series", lambda: pd.Series([1.0, 2.0]), index=True),
    Exercise("99.13", "set of texts", "set", lambda: {"a", "b"}),
]
COUNTRIES = pd.DataFrame(
    {
        "iso3": ["RUS", "CHN", "KAZ"],
        "name": ["Russia", "China", "Kazakhstan"],
        "aliases": ["Russian Federation", None, "Qazaqstan"],
    }
)

ex.use_course("utils.course")
REAL_IDS = [e.id for e in ex.exercises() if e.notebook != "99"]
ALL_IDS = REAL_IDS + [e.id for e in KIND_EXERCISES]
PER_EXERCISE = 20 if QUICK else max(200, min(3000, TOTAL_BUDGET // max(1, len(ALL_IDS))))


@pytest.fixture(scope="module", autouse=True)
def registered(request):
    ex.register(*KIND_EXERCISES, replace=True)
    start = time.perf_counter()
    yield
    ex.unregister(*(e.id for e in KIND_EXERCISES))
    seconds = time.perf_counter() - start
    by_status = ", ".join(
        f"{k} {v}" for k, v in sorted(COUNTS.items()) if k not in ("values", "exceptions")
    )
    line = (
        f"hypothesis: {COUNTS['values']} answer values checked against {len(ALL_IDS)} "
        f"exercises ({len(REAL_IDS)} registered + {len(KIND_EXERCISES)} of each kind) in "
        f"{seconds:.1f} s, {COUNTS['exceptions']} exceptions; statuses: {by_status}"
    )
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():  # show the count even when tests pass
            reporter.write_line("")
            reporter.write_line(line)
    else:
        print(line)


@pytest.fixture(autouse=True)
def countries(monkeypatch):
    """The kind exercises use a small country table; the real ones use data/ as it is."""
    real = utils.countries.country_index
    small = utils.countries.build_country_index(COUNTRIES)

    def index():
        return real() if _CURRENT[0] in REAL_IDS else small

    monkeypatch.setattr(utils.countries, "country_index", index)


_CURRENT = [""]
SETTINGS = settings(
    max_examples=PER_EXERCISE,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
)


def assert_feedback(result, exercise_id):
    assert isinstance(result, CheckResult)
    assert result.status in ex.STATUSES
    text = repr(result)
    assert "\n" not in text and len(text) < 600
    assert "Traceback" not in text and "0x" not in text
    page = result._repr_html_()
    assert page.startswith("<div") and "<script" not in page
    assert bool(result) == (result.status == "correct")


def is_hostile(value, depth=0) -> bool:
    if isinstance(value, HOSTILE_TYPES) or depth > 3:
        return True
    if type(value) in (list, tuple):
        return any(is_hostile(v, depth + 1) for v in value[:20])
    if type(value) is dict:
        return any(is_hostile(v, depth + 1) for v in list(value.values())[:20])
    if isinstance(value, (pd.Series, np.ndarray)) and getattr(value, "dtype", None) == np.dtype(
        object
    ):
        return True
    return False


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_no_value_raises(exercise_id):
    _CURRENT[0] = exercise_id

    @SETTINGS
    @given(ANY_VALUE)
    def run(value):
        try:
            result = check(exercise_id, value)
        except Exception:
            COUNTS["exceptions"] += 1
            raise
        assert_feedback(result, exercise_id)
        COUNTS["values"] += 1
        COUNTS[result.status] += 1
        if result.status == "unreadable":
            assert is_hostile(value), f"plain value not read: {type(value).__name__}"

    run()


@SETTINGS
@given(st.one_of(ANY_VALUE, st.sampled_from(ALL_IDS), st.text(max_size=8)))
def test_any_id_gives_one_line(value):
    for result in (check(value, 1), hint(value), solution(value), progress(value)):
        text = repr(result)
        assert isinstance(text, str) and text
        assert result._repr_html_().startswith("<div")
    COUNTS["values"] += 1


def test_an_infinite_generator_is_not_consumed():
    numbers = itertools.count()
    result = check("99.8", numbers)
    assert result.status == "wrong-type" and "list(...)" in result.message
    assert next(numbers) == 0


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_an_object_that_hides_its_class(exercise_id):
    """Hypothesis itself cannot carry this object, so it is tried here for every exercise."""
    _CURRENT[0] = exercise_id
    value = HostileClassAttr()
    assert_feedback(check(exercise_id, value), exercise_id)
    for note in (hint(value), solution(value), progress(value)):
        assert repr(note) and note._repr_html_().startswith("<div")
    COUNTS["values"] += 1
