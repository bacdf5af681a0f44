"""What the maps are drawn from: country shapes, water and contested areas (data/geo), and the
note that says whose borders they are (data/contested_areas.csv).
"""

import copy
import functools
import json
from pathlib import Path

import pandas as pd

from .errors import UsageError

GEO_FOLDER = Path(__file__).resolve().parent.parent / "data" / "geo"


@functools.lru_cache(maxsize=None)
def _read_geojson(name):
    """Parsed GeoJSON from data/geo (cached; callers get a copy)."""
    path = GEO_FOLDER / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path} is missing; rebuild it with: python data/geo/build_geo.py"
        ) from None


def load_boundaries(name="world"):
    """Country polygons as a GeoJSON dict: name is "world" (1:110m) or "region" (1:50m)."""
    if name not in ("world", "region"):
        raise UsageError('boundaries are "world" or "region"')
    return copy.deepcopy(_read_geojson(f"{name}.geojson"))


def load_water():
    """Seas and large lakes inside the continents (Caspian, Aral, Balkhash, ...) as GeoJSON."""
    return copy.deepcopy(_read_geojson("water.geojson"))


def load_contested():
    """Contested areas as GeoJSON, each feature with `area_id` and `name`."""
    return copy.deepcopy(_read_geojson("contested.geojson"))


def contested_areas():
    """The table data/contested_areas.csv: who administers and who claims each area drawn."""
    from .data import load

    return load("contested_areas")


class Note:
    """A short note for a notebook: shown as Markdown, with a plain-text repr."""

    def __init__(self, markdown, text=None):
        self.markdown = markdown
        self.text = text if text is not None else markdown.replace("**", "").replace("`", "")

    def _repr_markdown_(self):
        return self.markdown

    def __repr__(self):
        return self.text

    def __str__(self):
        return self.text


BOUNDARY_NOTE = (
    "**About the borders on these maps.** Country shapes come from Natural Earth (public "
    "domain), version 4.1.0, through the `world-atlas` package. Natural Earth draws the "
    "boundaries that are in practice on the ground (de facto), which in some places differ from "
    "what one or more governments claim. Showing a line is not an endorsement of it by this "
    "collection. Shapes are simplified, so small islands and exact border lengths are not "
    "reliable at this scale. Seas and large lakes are drawn in blue."
)


def _md_cell(value):
    """Table cell text for Markdown: no pipes or line breaks."""
    text = "" if pd.isna(value) else str(value)
    return text.replace("|", "/").replace("\n", " ").strip() or "\u2014"


def boundary_note():
    """The note on whose borders the maps show, with the contested areas they draw."""
    areas = contested_areas()
    lines = [
        BOUNDARY_NOTE,
        "",
        f"**Contested areas** ({len(areas)}) are drawn with a dashed black outline; hover over "
        "one for a summary. As recorded in `data/contested_areas.csv`, as of "
        f"{areas['as_of'].max():%Y-%m-%d} (`cite()` shows each source record):",
        "",
        "| area | administered by | claimed by | UN General Assembly | Kazakhstan's recorded position | sources |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    text = [
        BOUNDARY_NOTE.replace("**", "").replace("`", ""),
        "Contested areas drawn with a dashed outline:",
    ]
    source_columns = [c for c in areas.columns if "source_id" in c]
    for _, row in areas.iterrows():
        sources = "; ".join(
            dict.fromkeys(str(row[c]) for c in source_columns if not pd.isna(row[c]))
        )
        cells = [
            row["name"],
            row["administered_by"],
            row["claimed_by"],
            row["un_ga"],
            row["kazakhstan_position"],
            sources,
        ]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
        text.append(
            f"- {row['name']}: administered by {_md_cell(row['administered_by'])}; "
            f"claimed by {_md_cell(row['claimed_by'])}."
        )
    return Note("\n".join(lines), "\n".join(text))
