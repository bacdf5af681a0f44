"""Tests for utils.charts (matplotlib timeline and shares charts)."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from utils import charts  # noqa: E402
from utils.maps import CATEGORY_COLOURS  # noqa: E402

EVENTS = pd.DataFrame(
    {
        "date": ["2000-01-02", "1999-05-06", "2001-03-04"],
        "event": ["b", "a", "c"],
        "kind": ["x", "y", "x"],
    }
)
SHARES = pd.DataFrame(
    {
        "year": [2020, 2021, 2020, 2021],
        "partner": ["A", "A", "B", "B"],
        "share": [10.0, 12.0, 5.0, 4.0],
    }
)


def test_timeline_has_title_axis_label_and_sorted_labels():
    figure = charts.timeline_chart(EVENTS, title="Test timeline", group="kind")
    axes = figure.axes[0]
    assert axes.get_title() == "Test timeline" and axes.get_xlabel() == "Date"
    assert [t.get_text() for t in axes.texts] == ["a", "b", "c"]
    assert "3 events from 1999-05-06 to 2001-03-04" in charts.alt_text(figure)


@pytest.mark.parametrize("kind", ["line", "bar"])
def test_shares_chart_labels_and_colour_blind_safe_colours(kind):
    figure = charts.shares_chart(SHARES, title="Test shares", kind=kind)
    axes = figure.axes[0]
    assert axes.get_xlabel() == "Year" and axes.get_ylabel() == "Share (%)"
    handles, labels = axes.get_legend_handles_labels()
    assert labels == ["A", "B"]
    colours = {
        matplotlib.colors.to_hex(
            h.get_color() if kind == "line" else h.patches[0].get_facecolor()
        ).lower()
        for h in handles
    }
    assert colours <= {c.lower() for c in CATEGORY_COLOURS}
    assert "2020-2021" in charts.alt_text(figure)


def test_chart_errors_are_one_line():
    with pytest.raises(ValueError, match="needs the column"):
        charts.timeline_chart(EVENTS.drop(columns="date"))
    with pytest.raises(ValueError, match='"line" or "bar"'):
        charts.shares_chart(SHARES, kind="pie")
    with pytest.raises(TypeError, match="DataFrame"):
        charts.shares_chart([1, 2])


def test_repr_has_no_memory_address():
    import re

    assert not re.search(r"0x[0-9a-fA-F]{6,}", repr(charts.timeline_chart(EVENTS)))
