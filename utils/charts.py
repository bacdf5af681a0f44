"""Simple, readable matplotlib charts: a timeline of dated events and shares over years.

Each function returns the matplotlib Figure (so a notebook shows it once) and uses the
Okabe-Ito colour-blind-safe palette. `alt_text(figure)` gives a one-line text alternative.
matplotlib is imported only when a chart is drawn, so `import utils` stays fast.
"""

import pandas as pd

from .errors import UsageError, require_columns
from .palette import CATEGORY_COLOURS


def timeline_chart(frame, date="date", label="event", title="Timeline", group=None):
    """Dated events on a horizontal time axis, one labelled row per event (oldest at top)."""
    import matplotlib.pyplot as plt

    columns = [date, label] + ([group] if group else [])
    require_columns(frame, columns, "timeline_chart")
    data = frame[columns].copy()
    data[date] = pd.to_datetime(data[date], errors="raise")
    data = data.sort_values(date).reset_index(drop=True)
    groups = list(dict.fromkeys(data[group])) if group else [None]
    colours = {g: CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)] for i, g in enumerate(groups)}
    figure, axes = plt.subplots(figsize=(9, 0.45 * len(data) + 1.5))
    middle = data[date].min() + (data[date].max() - data[date].min()) / 2
    for i, row in data.iterrows():
        colour = colours[row[group] if group else None]
        axes.plot(row[date], i, "o", color=colour, markersize=7)
        # Labels of the later half sit left of their dot, so no label runs off the chart.
        right = row[date] <= middle
        axes.annotate(
            str(row[label]),
            (row[date], i),
            xytext=(8 if right else -8, 0),
            textcoords="offset points",
            va="center",
            ha="left" if right else "right",
            fontsize=9,
        )
    axes.set_yticks([])
    axes.invert_yaxis()
    axes.set_xlabel("Date")
    axes.set_title(title)
    axes.grid(axis="x", alpha=0.3)
    if group:
        for g in groups:
            axes.plot([], [], "o", color=colours[g], label=str(g))
        axes.legend(loc="lower left", fontsize=8)
    figure.tight_layout()
    figure.alt_text = f"{title}: timeline of {len(data)} events from {data[date].min():%Y-%m-%d} to {data[date].max():%Y-%m-%d}."
    plt.close(figure)
    return figure


def shares_chart(
    frame,
    year="year",
    share="share",
    series="partner",
    title="Shares by year",
    kind="line",
    unit="%",
):
    """Shares (for example trade partner shares) over years: one line, or grouped bars, per series."""
    import matplotlib.pyplot as plt

    require_columns(frame, [year, share, series], "shares_chart")
    table = frame.pivot_table(
        index=year, columns=series, values=share, aggfunc="first"
    ).sort_index()
    figure, axes = plt.subplots(figsize=(8, 4.5))
    names = list(table.columns)
    markers = ["o", "s", "^", "D", "v", "P", "X"]
    if kind == "bar":
        width = 0.8 / max(1, len(names))
        for i, name in enumerate(names):
            positions = [k + (i - (len(names) - 1) / 2) * width for k in range(len(table))]
            axes.bar(
                positions,
                table[name],
                width=width,
                label=str(name),
                color=CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)],
            )
        axes.set_xticks(range(len(table)), [str(y) for y in table.index])
    elif kind == "line":
        for i, name in enumerate(names):
            axes.plot(
                table.index,
                table[name],
                marker=markers[i % len(markers)],
                label=str(name),
                color=CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)],
            )
        axes.set_xticks(list(table.index))
    else:
        raise UsageError('kind is "line" or "bar"')
    axes.set_xlabel("Year")
    axes.set_ylabel(f"Share ({unit})" if unit else "Share")
    axes.set_title(title)
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.alt_text = f"{title}: {kind} chart of {share} for {len(names)} series ({', '.join(map(str, names))}), {table.index.min()}-{table.index.max()}."
    plt.close(figure)
    return figure


def alt_text(figure):
    """One-line text alternative of a chart made here (or its title otherwise)."""
    text = getattr(figure, "alt_text", None)
    if text:
        return text
    titles = [a.get_title() for a in figure.get_axes() if a.get_title()]
    return "Chart: " + ("; ".join(titles) if titles else "untitled")
