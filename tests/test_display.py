"""Tables shown in a notebook have no empty header cells (screen readers announce them)."""

import pandas as pd

from utils import display


def test_corner_cell_is_a_plain_cell_and_the_rest_is_unchanged():
    frame = pd.DataFrame({"country": ["Kazakhstan"], "area_km2": [2724900]})
    shown = display.table_html(frame)
    assert "<th></th>" not in shown and "<td></td>" in shown
    assert shown.replace("<td></td>", "<th></th>", 1) == frame._repr_html_()


def test_named_index_leaves_no_empty_header():
    frame = pd.DataFrame({"a": [1, 2]}, index=pd.Index(["x", "y"], name="label"))
    shown = display.table_html(frame)
    assert "<th>label</th>" in shown and "<th></th>" not in shown


def test_formatter_is_registered_in_ipython():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    display.install(shell)
    data, _ = shell.display_formatter.format(pd.DataFrame({"a": [1]}))
    assert "<th></th>" not in data["text/html"]
