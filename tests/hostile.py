"""Values a learner might pass to a helper, from the ordinary to the hostile (hypothesis).

Shared by the property tests of check() and of the other learner-facing helpers
(tests/test_exercises_hypothesis.py, tests/test_helpers_hypothesis.py, tests/test_maps_hypothesis.py):
nested containers, extreme numbers, NumPy and pandas objects, iterators including infinite
ones, and objects whose __eq__, __lt__, __str__, __float__, __hash__, ... raise.
"""

import datetime as dt
import decimal
import fractions
import itertools
import math

import numpy as np
import pandas as pd
from hypothesis import strategies as st


class Boom(Exception):
    pass


def boom(*args, **kwargs):
    raise Boom("hostile")


class Hostile:
    """Every dunder a careless engine might call raises."""

    __eq__ = __ne__ = __lt__ = __gt__ = __le__ = __ge__ = boom
    __hash__ = __bool__ = __len__ = __repr__ = __str__ = __format__ = boom
    __iter__ = __getitem__ = __float__ = __int__ = __index__ = __round__ = boom
    __abs__ = __neg__ = __add__ = __radd__ = __mul__ = __rmul__ = __sub__ = boom
    __contains__ = __reversed__ = __fspath__ = __array__ = boom

    def __getattr__(self, name):
        raise Boom(name)


class HostileStr(str):
    __eq__ = __hash__ = __len__ = __repr__ = __str__ = __iter__ = __getitem__ = boom
    strip = casefold = lower = boom


class HostileInt(int):
    __eq__ = __hash__ = __repr__ = __str__ = __int__ = __index__ = __float__ = boom
    __bool__ = __abs__ = __sub__ = __rsub__ = __lt__ = __gt__ = __round__ = boom


class HostileFloat(float):
    __eq__ = __hash__ = __repr__ = __float__ = __round__ = __sub__ = __rsub__ = boom
    __abs__ = __lt__ = __gt__ = __bool__ = is_integer = boom


class HostileList(list):
    __eq__ = __len__ = __iter__ = __repr__ = __getitem__ = __bool__ = __hash__ = boom


class InfiniteList(list):
    def __iter__(self):
        return itertools.count()


class HostileDict(dict):
    __eq__ = __len__ = __iter__ = __repr__ = __getitem__ = keys = values = items = boom


class HostileSet(set):
    __eq__ = __len__ = __iter__ = __repr__ = __contains__ = boom


class HostileClassAttr:
    @property
    def __class__(self):
        raise Boom("__class__")


class HostileDate(dt.date):
    __eq__ = __hash__ = __repr__ = isoformat = __str__ = boom


def recursive_list():
    value = [1, "a"]
    value.append(value)
    return value


def recursive_dict():
    value = {"a": 1}
    value["self"] = value
    return value


def deep_list(depth=5000):
    value = []
    for _ in range(depth):
        value = [value]
    return value


def infinite_generator():
    return (n for n in itertools.count())


def built(make):
    """Make one hostile value (a plain Hostile when even building it fails)."""
    try:
        return make()
    except Exception:
        return Hostile()


HOSTILE = st.sampled_from(
    [
        Hostile,
        lambda: HostileStr("Russia"),
        lambda: HostileInt(5),
        lambda: HostileFloat(1.5),
        lambda: HostileList([1, 2]),
        lambda: InfiniteList([1, 2]),
        lambda: HostileDict(a=1),
        lambda: HostileSet({1, 2}),
        lambda: HostileDate(1991, 12, 16),
        recursive_list,
        recursive_dict,
        deep_list,
        infinite_generator,
        lambda: itertools.count(),
        lambda: iter(range(10**12)),
        lambda: itertools.repeat("x"),
        lambda: [Hostile(), Hostile()],
        lambda: {"x": Hostile()},
        lambda: (Hostile(),),
        lambda: pd.Series([Hostile(), Hostile()], dtype=object),
        lambda: pd.DataFrame({"a": [Hostile()], "b": [HostileStr("x")]}),
        lambda: np.array([Hostile(), 1], dtype=object),
        lambda: "x" * 2_000_000,
        lambda: 10**100_000 if False else 7**20_000,
        lambda: [[["Russia"]]] * 10_000,
        lambda: list(range(100_000)),
        lambda: decimal.Decimal("sNaN"),
        lambda: decimal.Decimal("NaN"),
        lambda: decimal.Decimal("1e999999"),
        lambda: fractions.Fraction(10**400, 3),
        lambda: complex(1, 2),
        lambda: np.complex128(1j),
        lambda: b"Russia",
        lambda: bytearray(b"x"),
        lambda: memoryview(b"abc"),
        lambda: range(10**18),
        lambda: slice(1, 2),
        lambda: type,
        lambda: Hostile,
        lambda: math,
        lambda: print,
        lambda: NotImplemented,
        lambda: pd.NA,
        lambda: pd.NaT,
        lambda: np.nan,
        lambda: np.datetime64("NaT"),
        lambda: pd.Timestamp("1991-12-16", tz="Asia/Almaty"),
        lambda: pd.Period("1991-12"),
        lambda: dt.timedelta(days=3),
        lambda: dt.time(12, 0),
        lambda: pd.Categorical(["a"]),
        lambda: pd.DataFrame(),
        lambda: pd.Series([], dtype=float),
        lambda: np.array([]),
        lambda: np.zeros((2, 2, 2)),
        lambda: pd.MultiIndex.from_tuples([(1, 2)]),
        lambda: pd.DataFrame({"a": [1, 2]}).groupby("a"),
        lambda: {1: 2}.keys(),
        lambda: {1: 2}.values(),
        lambda: pd.Series([1, 2], index=[1, 1]),
        lambda: pd.DataFrame([[1, 2]], columns=["a", "a"]),
    ]
).map(lambda make: built(make))

SCALARS = st.one_of(
    st.none(),
    st.just(...),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True),
    st.fractions(),
    st.complex_numbers(),
    st.text(max_size=30),
    st.characters(),
    st.text(alphabet="Russia Chn.-' ", max_size=25),
    st.sampled_from(
        [
            "Russia",
            "russian federation",
            "RUS",
            "China",
            "Kazakhstan",
            "Türkiye",
            "1991",
            "1991-12-16",
            "16/12/1991",
            "7644 km",
            "",
            " ",
            "...",
            "None",
            "nan",
            "goal",
            "fact",
        ]
    ),
    st.binary(max_size=20),
    st.dates(),
    st.datetimes(),
    st.timedeltas(),
    st.builds(
        pd.Timestamp,
        st.datetimes(min_value=dt.datetime(1700, 1, 1), max_value=dt.datetime(2200, 1, 1)),
    ),
    st.sampled_from(
        [
            np.int8(3),
            np.int64(-5),
            np.uint64(2**63),
            np.float16(1.5),
            np.float64("nan"),
            np.float64("inf"),
            np.bool_(True),
            np.str_("RUS"),
            np.datetime64("1991-12-16"),
            np.int64(1991),
            np.float64(1994.0),
        ]
    ),
)

# NumPy and pandas values are built from plain lists: much faster than hypothesis.extra.
CELLS = st.one_of(
    st.integers(-3000, 3000),
    st.floats(allow_nan=True),
    st.text(max_size=6),
    st.sampled_from(["RUS", "CHN", "Russia", None, 1991, 7644.0]),
)
ARRAYS = st.one_of(
    st.lists(st.integers(-(10**6), 10**6), max_size=5).map(lambda v: np.array(v, dtype=np.int64)),
    st.lists(st.floats(allow_nan=True), max_size=5).map(lambda v: np.array(v, dtype=float)),
    st.lists(st.sampled_from(["RUS", "CHN", "Russia", ""]), max_size=4).map(np.array),
    st.lists(st.dates(), max_size=3).map(lambda v: np.array(v, dtype="M8[D]")),
    st.lists(CELLS, max_size=4).map(lambda v: np.array(v + [None], dtype=object)),
    st.lists(st.lists(st.integers(0, 9), min_size=2, max_size=2), max_size=3).map(np.array),
    st.integers().map(lambda v: np.array(v % 1000)),
)
FRAMES = st.one_of(
    st.lists(CELLS, max_size=5).map(lambda v: pd.Series(v, dtype=object)),
    st.lists(st.floats(allow_nan=True), max_size=5).map(lambda v: pd.Series(v, dtype=float)),
    st.lists(st.integers(0, 3000), max_size=5).map(
        lambda v: pd.Series(v, index=[str(i) for i in range(len(v))], dtype="Int64")
    ),
    st.lists(
        st.tuples(st.sampled_from(["RUS", "CHN", "KAZ", "x"]), st.floats(allow_nan=True)),
        max_size=4,
    ).map(lambda rows: pd.DataFrame(rows, columns=["iso3", "km"])),
    st.lists(st.tuples(CELLS, CELLS), max_size=3).map(
        lambda rows: pd.DataFrame(rows, columns=["iso3", "km"], dtype=object)
    ),
    st.lists(st.tuples(st.integers(), st.text(max_size=4)), max_size=3).map(
        lambda rows: pd.DataFrame(rows, columns=["a", "b"])
    ),
    st.lists(st.sampled_from(["RUS", "CHN"]), max_size=3).map(
        lambda v: pd.Series(v, dtype="category")
    ),
    st.lists(st.sampled_from(["RUS", "CHN"]), max_size=3).map(
        lambda v: pd.Series(v, dtype="string")
    ),
)


def safely(build):
    """Build a pandas/NumPy container, or keep the plain list if the items refuse."""

    def make(items):
        try:
            return build(items)
        except Exception:
            return items

    return make


def containers(children):
    return st.one_of(
        st.lists(children, max_size=5),
        st.tuples(children, children),
        st.dictionaries(st.text(max_size=5), children, max_size=3),
        st.sets(st.one_of(st.integers(), st.text(max_size=5)), max_size=4),
        st.frozensets(st.sampled_from(["RUS", "CHN", 1991, 2.5]), max_size=4),
        st.lists(children, max_size=3).map(lambda items: iter(items)),
        st.lists(children, max_size=3).map(lambda items: (i for i in items)),
        st.lists(children, max_size=3).map(safely(lambda items: pd.Series(items, dtype=object))),
        st.lists(children, max_size=3).map(
            safely(lambda items: np.array(items + [None], dtype=object))
        ),
    )


LEAF_HOSTILE = st.sampled_from(
    [
        Hostile,
        lambda: HostileStr("RUS"),
        lambda: HostileInt(1991),
        recursive_list,
        infinite_generator,
    ]
).map(lambda make: make())
ANY_VALUE = (
    st.recursive(SCALARS | LEAF_HOSTILE, containers, max_leaves=8) | ARRAYS | FRAMES | HOSTILE
)
HOSTILE_TYPES = (
    Hostile,
    HostileStr,
    HostileInt,
    HostileFloat,
    HostileList,
    InfiniteList,
    HostileDict,
    HostileSet,
    HostileClassAttr,
    HostileDate,
)
