"""A schematic map of the Caspian seabed lines: `caspian_map()` (notebook 10).

The five littoral states are coloured on the project's offline country shapes (Natural Earth,
data/geo), and each seabed line of data/caspian_lines.csv is drawn as a dashed straight line
between its points: treaty coordinates where an agreement's text gives them, the point where a
land border meets the coast on the map's shapes otherwise. The lines are a sketch of who divided
the seabed with whom, not the treaty lines, and the map says so on its face, in its legend and
in its description. The southern Caspian, where the sources read give no agreed division, gets
no line, only a label saying so.
"""

import folium
import pandas as pd

from .boundaries import load_boundaries
from .data import load
from .map_inputs import switch_argument, text_argument
from .map_page import escape_text
from .maps import (
    WATER_LEGEND,
    DescribedMap,
    Legend,
    _context_land,
    _finish,
    _polygon_layer,
    _tooltip,
    legend_html,
    swatch,
)
from .palette import OUTLINE_COLOUR

__all__ = ["caspian_map", "line_labels", "SCHEMATIC_LABEL", "UNDIVIDED_LABEL"]

SCHEMATIC_LABEL = "Schematic, not the treaty coordinates"
UNDIVIDED_LABEL = "Southern Caspian: no agreed seabed division in the sources read"
LITTORAL = ["AZE", "IRN", "KAZ", "RUS", "TKM"]
# Where the undivided label sits: in the southern Caspian, south of every line drawn.
UNDIVIDED_AT = [39.3, 51.0]
# Okabe-Ito colours for the states, none of them the sky blue of the water; the lines are
# dark, so they stand out on the water, with a dash pattern each as well as a colour.
STATE_COLOURS = ["#E69F00", "#F0E442", "#009E73", "#CC79A7", "#D55E00"]
LINE_STYLES = [("#000000", "8 6"), ("#0b4f8a", "2 5"), ("#5a2d82", "12 4 2 4"), ("#7a3b00", "4 4")]


def _when(date, precision):
    """A date as precise as the data says it is (13 May 2002, May 2002, 2002)."""
    if pd.isna(date):
        return "date not found"
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return f"{date:%B %Y}"
    return f"{date.day} {date:%B %Y}"


def line_labels(lines=None, agreements=None):
    """{line_id: "Kazakhstan-Russia: agreement signed 6 July 1998, protocol signed 13 May 2002"}."""
    lines = load("caspian_lines") if lines is None else lines
    agreements = load("caspian_agreements") if agreements is None else agreements
    names = load("countries").set_index("iso3")["name"]
    signed = agreements[agreements["event"] == "signed"].set_index("instrument_id")
    labels = {}
    for line_id, points in lines.groupby("line_id", sort=True):
        parties = str(points["parties"].iloc[0]).split(";")
        steps = []
        for instrument in str(points["instrument_ids"].iloc[0]).split(";"):
            kind = "protocol" if "protocol" in instrument else "agreement"
            row = signed.loc[instrument]
            steps.append(f"{kind} signed {_when(row['date'], row['date_precision'])}")
        labels[line_id] = f"{'-'.join(names[p] for p in parties)}: {', '.join(steps)}"
    return labels


def caspian_map(title="The Caspian seabed lines (schematic)", tiles=None):
    """The five Caspian states and the seabed lines their agreements describe, as a sketch.

    Lines and points come from data/caspian_lines.csv, the agreements' dates from
    data/caspian_agreements.csv. Straight dashed lines join each line's points; they show who
    divided the seabed with whom, not where the treaty lines run.
    """
    title = text_argument(title, "title", "caspian_map")
    tiles = switch_argument(tiles, "tiles", "caspian_map", allow_none=True)
    lines = load("caspian_lines").sort_values(["line_id", "point_order"])
    labels = line_labels(lines)
    names = load("countries").set_index("iso3")["name"]
    state_colours = dict(zip(LITTORAL, STATE_COLOURS))
    line_styles = dict(zip(labels, LINE_STYLES))

    table = lines[["line_id", "point_order", "point", "lat", "lon", "point_kind"]].copy()
    table.insert(1, "agreements", table["line_id"].map(labels))
    described = "; ".join(labels.values())
    description = (
        f"A schematic map of the Caspian Sea and its five shore states ("
        f"{', '.join(names[c] for c in LITTORAL)}), with {len(labels)} dashed seabed lines: "
        f"{described}. {SCHEMATIC_LABEL}: each line is straight between a coastal point and the "
        "treaty coordinates of the junction points; the real lines bend. "
        f"{UNDIVIDED_LABEL} (between Azerbaijan, Iran and Turkmenistan), so none is drawn there. "
        "These agreements divide the seabed; the northern ones leave the water above in common use. "
        "Boundaries: Natural Earth 1:50m."
    )
    for _, row in lines[lines["point_kind"] == "assumed"].iterrows():
        description += (
            f" Where the {labels[row['line_id']].split(':')[0]} line ends is not in the sources "
            f"read: it is drawn to the {row['point']}."
        )
    m = DescribedMap(
        title,
        description,
        table,
        location=[42.0, 51.0],
        zoom_start=5,
        tiles=tiles,
        bounds=[[36.3, 45.5], [47.5, 55.5]],
        scale=True,
    )
    collection = load_boundaries("region")
    _context_land(
        m,
        skip={f["properties"]["iso3"] for f in collection["features"]},
        west=38.0,
        south=33.0,
        east=62.0,
        north=50.0,
    )
    collection["features"] = [
        f for f in collection["features"] if f["properties"]["iso3"] in LITTORAL
    ]
    _polygon_layer(
        collection,
        colour_of=lambda p: state_colours[p["iso3"]],
        tooltip_of=lambda p: escape_text(f"{p['name']}: Caspian shore state"),
        name="Caspian states",
    ).add_to(m)
    _finish(m)  # water over the land, contested outlines
    for line_id, points in lines.groupby("line_id", sort=True):
        path = [[float(a), float(b)] for a, b in zip(points["lat"], points["lon"])]
        colour, dashes = line_styles[line_id]
        line = folium.PolyLine(path, weight=4, color=colour, dash_array=dashes, opacity=0.95)
        line.add_child(_tooltip(f"{labels[line_id]} ({SCHEMATIC_LABEL.lower()})"))
        line.add_to(m)
    treaty = lines[lines["point_kind"] == "treaty"].drop_duplicates(["lat", "lon"])
    for _, row in treaty.iterrows():
        folium.CircleMarker(
            [float(row["lat"]), float(row["lon"])],
            radius=5,
            color=OUTLINE_COLOUR,
            weight=1,
            fill=True,
            fill_color="#ffffff",
            fill_opacity=1,
        ).add_child(_tooltip(f"{row['point']} (coordinates from the agreement's text)")).add_to(m)
    folium.Marker(
        UNDIVIDED_AT,
        icon=folium.DivIcon(
            html=(
                '<div style="font:11px/1.3 sans-serif;color:#1a1a1a;width:150px;'
                f'text-align:center">{escape_text(UNDIVIDED_LABEL)}</div>'
            ),
            icon_size=(150, 44),
            icon_anchor=(75, 22),
        ),
        interactive=False,
        keyboard=False,
    ).add_to(m)
    rows = [(swatch(state_colours[c]), names[c]) for c in LITTORAL]
    rows += [
        (
            f'<svg width="30" height="6" aria-hidden="true" style="vertical-align:middle">'
            f'<line x1="0" y1="3" x2="30" y2="3" stroke="{line_styles[line_id][0]}" '
            f'stroke-width="4" stroke-dasharray="{line_styles[line_id][1]}"/></svg>',
            label,
        )
        for line_id, label in labels.items()
    ]
    rows += [
        (
            '<span style="display:inline-block;width:10px;height:10px;border-radius:50%;'
            f'background:#fff;border:1px solid {OUTLINE_COLOUR};vertical-align:middle"></span>',
            "point whose coordinates an agreement gives",
        ),
        WATER_LEGEND,
    ]
    Legend(legend_html(title, rows)).add_to(m)
    Legend(f"<b>{escape_text(SCHEMATIC_LABEL)}</b>", position="topright").add_to(m)
    return m
