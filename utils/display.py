"""How pandas tables are shown in a notebook: the same HTML, without empty header cells.

pandas leaves the corner cell above the row labels empty (`<th></th>`), and screen readers
announce an empty column header there. Shown through this formatter, every empty header cell
becomes an ordinary empty cell (`<td></td>`); nothing else in the table changes.
"""

import re

_EMPTY_HEADER = re.compile(r"<th>\s*</th>")


def table_html(frame):
    """pandas' own notebook HTML for `frame`, with empty header cells made plain cells."""
    html = frame._repr_html_()
    return None if html is None else _EMPTY_HEADER.sub("<td></td>", html)


def install(shell):
    """Use table_html for DataFrames in this IPython shell."""
    import pandas as pd

    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)
