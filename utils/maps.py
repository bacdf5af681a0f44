"""Map builders for the notebooks (folium / Leaflet).

Every builder returns a `DescribedMap`: a folium map that also has
- `.describe()`: one or two sentences saying what the map shows (a text alternative),
- `.table()`: the table of values behind the map,
- a plain-text repr that says what the map shows (no memory address).

The base layer is always the country polygons from data/geo (Natural Earth). Background
tiles (OpenStreetMap, with attribution) are decoration only and are left out in offline mode
(see utils.offline). Every piece of text that comes from data is escaped before it reaches a
popup, tooltip or legend, so it is shown as text and never run as code.

Colours: the Okabe-Ito palette for categories and viridis for numbers; both are designed to
stay distinguishable for people with the common forms of colour-vision deficiency.
"""

import copy
import functools
import html
import json
import math
from pathlib import Path

import folium
import pandas as pd
from branca.colormap import linear
from branca.element import Element, MacroElement
from folium.template import Template

from . import determinism, geo, offline
from .errors import UsageError, require_columns

determinism.install()

GEO_FOLDER = Path(__file__).resolve().parent.parent / "data" / "geo"

# Okabe-Ito colour-blind-safe palette (black left out: it is used for outlines).
CATEGORY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
NO_DATA_COLOUR = "#d9d9d9"
OUTLINE_COLOUR = "#333333"

KAZAKHSTAN = "KAZ"


def land_neighbours():
    """ISO codes of Kazakhstan's land neighbours, from data/borders.csv."""
    from .data import load
    return sorted(load("borders")["neighbour_iso3"].dropna().unique())


def caspian_states():
    """ISO codes of the Caspian littoral states, from data/caspian_states.csv."""
    from .data import load
    return sorted(load("caspian_states")["iso3"].dropna().unique())


def capital_of(iso3=KAZAKHSTAN):
    """{"name", "lat", "lon"} of a country's capital, from data/countries.csv."""
    from .data import load
    row = load("countries").set_index("iso3").loc[iso3]
    return {"name": row["capital"], "lat": float(row["capital_lat"]), "lon": float(row["capital_lon"])}

BOUNDARY_NOTE = (
    "**About the borders on these maps.** Country shapes come from Natural Earth (public "
    "domain), version 4.1.0, through the `world-atlas` package. Natural Earth draws the "
    "boundaries that are in practice on the ground (de facto), which in some places differ from "
    "what one or more governments claim. Showing a line is not an endorsement of it by this "
    "collection. Shapes are simplified, so small islands and exact border lengths are not "
    "reliable at this scale."
)


def escape_text(value):
    """Text from data made safe to show in HTML and inside folium's JavaScript templates.

    html.escape handles < > & and quotes; backticks, dollar signs, braces and backslashes
    become character references too, because folium pastes popup and tooltip text into
    JavaScript template strings, where `${...}` would otherwise run.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = html.escape(str(value), quote=True)
    for char, entity in (("`", "&#96;"), ("$", "&#36;"), ("\\", "&#92;"), ("{", "&#123;"), ("}", "&#125;")):
        text = text.replace(char, entity)
    return text


class Note:
    """A short note for a notebook: shown as Markdown, with a plain-text repr."""

    def __init__(self, markdown):
        self.markdown = markdown

    def _repr_markdown_(self):
        return self.markdown

    def __repr__(self):
        return self.markdown.replace("**", "").replace("`", "")

    def __str__(self):
        return repr(self)


def boundary_note():
    """The boundary point-of-view note to show next to the maps."""
    return Note(BOUNDARY_NOTE)


class Legend(MacroElement):
    """A legend box in a map corner; `html` must already be escaped."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create('div', 'kzw-legend');
            div.style.background = 'white';
            div.style.padding = '6px 8px';
            div.style.font = '12px/1.4 sans-serif';
            div.style.border = '1px solid #999';
            div.style.maxWidth = '260px';
            div.innerHTML = {{ this.html|tojson }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html_text, position="bottomright"):
        super().__init__()
        self._name = "Legend"
        self.html = html_text
        self.position = position


def legend_html(title, rows):
    """Legend HTML from a title and (swatch_html, label) rows; labels are escaped here."""
    lines = [f"<b>{escape_text(title)}</b>"]
    for swatch, label in rows:
        lines.append(f"<div>{swatch} {escape_text(label)}</div>")
    return "".join(lines)


def swatch(colour):
    """A small filled square for a legend row."""
    return (
        f'<span style="display:inline-block;width:14px;height:14px;background:{colour};'
        f'border:1px solid {OUTLINE_COLOUR};vertical-align:middle"></span>'
    )


class DescribedMap(folium.Map):
    """A folium map with a text description, the table behind it and stable HTML."""

    def __init__(self, title, description, table, location, zoom_start, tiles=None):
        self.offline = offline.is_offline()
        super().__init__(location=location, zoom_start=zoom_start, tiles=None, control_scale=True)
        if self.offline:
            # Leaflet and jQuery are inlined at render time; nothing else is loaded.
            self.default_js = []
            self.default_css = []
        self.title = title
        self._description = description
        self._table = table.reset_index(drop=True)
        show_tiles = (not self.offline) if tiles is None else (bool(tiles) and not self.offline)
        if show_tiles:
            import xyzservices.providers as providers

            folium.TileLayer(providers.OpenStreetMap.Mapnik, name="OpenStreetMap", opacity=0.5).add_to(self)

    def describe(self):
        """What the map shows, in words (a text alternative to the picture)."""
        return self._description

    def table(self):
        """The values behind the map, as a DataFrame (a copy)."""
        return self._table.copy()

    def __repr__(self):
        return f"{self.title}. {self._description}"

    def _repr_html_(self, **kwargs):
        """Notebook HTML, rendered from a copy so showing a map never changes it."""
        parent, self._parent = self._parent, None
        try:
            fresh = copy.deepcopy(self)
        finally:
            self._parent = parent
        return folium.Map._repr_html_(fresh, **kwargs)

    def render(self, **kwargs):
        """Render with stable ids (and inlined Leaflet in offline mode)."""
        determinism.renumber_ids(self)
        if self.offline:
            figure = self.get_root()
            figure.header.add_child(Element(offline.inline_assets_html()), name="kzw_offline_assets")
        return super().render(**kwargs)


@functools.lru_cache(maxsize=None)
def _read_geojson(name):
    """Parsed GeoJSON from data/geo (cached; callers get a copy)."""
    path = GEO_FOLDER / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path} is missing; rebuild it with: python data/geo/build_geo.py") from None


def load_boundaries(name="world"):
    """Country polygons as a GeoJSON dict: name is "world" (1:110m) or "region" (1:50m)."""
    if name not in ("world", "region"):
        raise UsageError('boundaries are "world" or "region"')
    return copy.deepcopy(_read_geojson(f"{name}.geojson"))


def _polygon_layer(collection, colour_of, tooltip_of, name, weight_of=None):
    """One GeoJson layer; colour_of/tooltip_of take a feature's properties."""
    for feature in collection["features"]:
        props = feature["properties"]
        props["tooltip"] = tooltip_of(props)  # already escaped
        props["fill"] = colour_of(props)
        props["weight"] = weight_of(props) if weight_of else 0.8
    collection.pop("source", None)

    def style(feature):
        p = feature["properties"]
        return {"fillColor": p["fill"], "color": OUTLINE_COLOUR, "weight": p["weight"], "fillOpacity": 0.75}

    return folium.GeoJson(
        collection,
        name=name,
        style_function=style,
        highlight_function=lambda feature: {"weight": 2.5},
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False),
    )


def _popup(text):
    """A popup showing `text` as text."""
    return folium.Popup(folium.Html(escape_text(text), script=True), max_width=300)


def _tooltip(text):
    return folium.Tooltip(escape_text(text))


# ---------------------------------------------------------------- region map


def region_map(title="Kazakhstan, its neighbours and the Caspian states", tiles=None,
               neighbours=None, caspian=None):
    """Kazakhstan highlighted, its land neighbours and the other Caspian littoral states.

    `neighbours` and `caspian` are lists of ISO alpha-3 codes; by default they come from
    data/borders.csv and data/caspian_states.csv.
    """
    neighbours = list(land_neighbours() if neighbours is None else neighbours)
    caspian = list(caspian_states() if caspian is None else caspian)
    roles = {}
    for code in caspian:
        roles[code] = "Caspian state"
    for code in neighbours:
        roles[code] = "land neighbour" + (" and Caspian state" if code in caspian else "")
    roles[KAZAKHSTAN] = "Kazakhstan"
    colours = {"Kazakhstan": CATEGORY_COLOURS[0], "Caspian state": CATEGORY_COLOURS[1]}
    colours["land neighbour"] = CATEGORY_COLOURS[4]
    colours["land neighbour and Caspian state"] = CATEGORY_COLOURS[2]

    collection = load_boundaries("region")
    rows = [
        {"country": f["properties"]["name"], "iso3": f["properties"]["iso3"], "role": roles.get(f["properties"]["iso3"], "")}
        for f in collection["features"]
    ]
    table = pd.DataFrame(rows).sort_values(["role", "country"]).reset_index(drop=True)
    neighbour_names = ", ".join(table.loc[table.role.str.startswith("land neighbour"), "country"])
    caspian_names = ", ".join(table.loc[table.role.str.contains("Caspian"), "country"])
    description = (
        f"Kazakhstan (highlighted) with its {len(neighbours)} land neighbours ({neighbour_names}) "
        f"and the other states on the Caspian Sea ({caspian_names}). Boundaries: Natural Earth 1:50m."
    )
    m = DescribedMap(title, description, table, location=[45.0, 68.0], zoom_start=3, tiles=tiles)
    layer = _polygon_layer(
        collection,
        colour_of=lambda p: colours.get(roles.get(p["iso3"]), NO_DATA_COLOUR),
        tooltip_of=lambda p: escape_text(f"{p['name']}: {roles.get(p['iso3'], '')}"),
        name="countries",
        weight_of=lambda p: 2.0 if p["iso3"] == KAZAKHSTAN else 0.8,
    )
    layer.add_to(m)
    order = ["Kazakhstan", "land neighbour", "land neighbour and Caspian state", "Caspian state"]
    Legend(legend_html(title, [(swatch(colours[r]), r) for r in order])).add_to(m)
    return m


# ---------------------------------------------------------------- choropleth


def _numeric_bins(values, classes):
    """Equal-width class edges between the smallest and largest value."""
    low, high = float(min(values)), float(max(values))
    if low == high:
        return [low, high]
    step = (high - low) / classes
    return [low + i * step for i in range(classes)] + [high]


def _format_number(x):
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:,.4g}"


def choropleth_map(frame, value, iso3="iso3", title=None, categorical=None, classes=5, unit="", tiles=None):
    """World map with countries coloured by `value` (one row per ISO 3166-1 alpha-3 code).

    Numbers get viridis colours in equal-width classes; text or category values get one
    Okabe-Ito colour each (at most 7 categories). Countries without a value are grey.
    """
    require_columns(frame, [iso3, value], "choropleth_map")
    data = frame[[iso3, value]].dropna().copy()
    data[iso3] = data[iso3].astype(str).str.upper().str.strip()
    if data[iso3].duplicated().any():
        dupes = ", ".join(sorted(set(data.loc[data[iso3].duplicated(), iso3])))
        raise UsageError(f"choropleth_map needs one row per country; repeated: {dupes}")
    title = title or str(value)
    if categorical is None:
        categorical = not pd.api.types.is_numeric_dtype(data[value]) or pd.api.types.is_bool_dtype(data[value])
    values = dict(zip(data[iso3], data[value]))
    collection = load_boundaries("world")
    known = {f["properties"]["iso3"] for f in collection["features"]}
    unknown = sorted(set(values) - known)

    if categorical:
        categories = sorted({str(v) for v in values.values()})
        if len(categories) > len(CATEGORY_COLOURS):
            raise UsageError(f"choropleth_map can colour at most {len(CATEGORY_COLOURS)} categories; {value!r} has {len(categories)}")
        palette = dict(zip(categories, CATEGORY_COLOURS))

        def colour_of(p):
            v = values.get(p["iso3"])
            return palette[str(v)] if v is not None else NO_DATA_COLOUR

        rows = [(swatch(palette[c]), c) for c in categories]
    else:
        edges = _numeric_bins(list(values.values()), classes)
        n = max(1, len(edges) - 1)
        colours = [linear.viridis.rgb_hex_str(i / max(1, n - 1)) for i in range(n)]

        def class_of(v):
            for i in range(n):
                if v <= edges[i + 1]:
                    return i
            return n - 1

        def colour_of(p):
            v = values.get(p["iso3"])
            return colours[class_of(float(v))] if v is not None else NO_DATA_COLOUR

        suffix = f" {unit}" if unit else ""
        rows = [
            (swatch(colours[i]), f"{_format_number(edges[i])} to {_format_number(edges[i + 1])}{suffix}")
            for i in range(n)
        ]
    rows.append((swatch(NO_DATA_COLOUR), "no data"))

    def tooltip_of(p):
        v = values.get(p["iso3"])
        shown = "no data" if v is None else (v if categorical else _format_number(float(v)) + (f" {unit}" if unit else ""))
        return escape_text(f"{p['name']}: {shown}")

    table = data.rename(columns={iso3: "iso3"}).sort_values("iso3").reset_index(drop=True)
    description = f"World map of {title}: {len(values) - len(unknown)} countries coloured, others grey (no data)."
    if unknown:
        description += f" Not on the map: {', '.join(unknown)}."
    m = DescribedMap(title, description, table, location=[35.0, 40.0], zoom_start=2, tiles=tiles)
    _polygon_layer(collection, colour_of, tooltip_of, name=title).add_to(m)
    Legend(legend_html(title, rows), position="bottomleft").add_to(m)
    return m


# ---------------------------------------------------------------- markers


def markers_map(frame, lat="lat", lon="lon", label="name", popup=None, title="Places", circles=False, tiles=None):
    """A marker per row at (lat, lon); tooltip = `label`, popup = `popup` column (or label).

    circles=True draws small circles instead of pin markers.
    """
    columns = [lat, lon, label] + ([popup] if popup else [])
    require_columns(frame, columns, "markers_map")
    data = frame[columns].copy().reset_index(drop=True)
    m = DescribedMap(
        title,
        f"{title}: {len(data)} places marked on a map of the region.",
        data,
        location=[float(data[lat].mean()), float(data[lon].mean())] if len(data) else [45.0, 68.0],
        zoom_start=3,
        tiles=tiles,
    )
    _base_layer(m)
    for _, row in data.iterrows():
        where = [float(row[lat]), float(row[lon])]
        text = row[popup] if popup else row[label]
        if circles:
            marker = folium.CircleMarker(where, radius=6, color=OUTLINE_COLOUR, weight=1, fill=True,
                                         fill_color=CATEGORY_COLOURS[5], fill_opacity=0.9)
        else:
            marker = folium.Marker(where)
        marker.add_child(_tooltip(row[label]))
        marker.add_child(_popup(text))
        marker.add_to(m)
    return m


def _base_layer(m, highlight=KAZAKHSTAN):
    """Light-grey world polygons (Kazakhstan tinted) under markers and lines."""
    colours = {highlight: "#c6dbef"}
    _polygon_layer(
        load_boundaries("world"),
        colour_of=lambda p: colours.get(p["iso3"], "#f0f0f0"),
        tooltip_of=lambda p: escape_text(p["name"]),
        name="countries",
    ).add_to(m)


# ---------------------------------------------------------------- links


def links_map(frame, value, lat="lat", lon="lon", label="name", origin=None, title=None, unit="", tiles=None):
    """Lines from an origin (Astana by default) to each row's place; line width grows with `value`."""
    require_columns(frame, [lat, lon, label, value], "links_map")
    origin = origin or capital_of(KAZAKHSTAN)
    data = frame[[label, lat, lon, value]].copy().reset_index(drop=True)
    title = title or f"Links from {origin['name']}: {value}"
    biggest = float(data[value].max()) if len(data) else 0.0
    suffix = f" {unit}" if unit else ""

    def width(v):
        return 1.5 if biggest <= 0 else 1.5 + 8.5 * float(v) / biggest

    m = DescribedMap(
        title,
        f"Lines from {origin['name']} to {len(data)} place{'' if len(data) == 1 else 's'}; "
        f"a wider line means a larger {value}.",
        data,
        location=[45.0, 60.0],
        zoom_start=2,
        tiles=tiles,
    )
    _base_layer(m)
    for _, row in data.iterrows():
        path = geo.great_circle_points(origin["lat"], origin["lon"], float(row[lat]), float(row[lon]))
        text = f"{origin['name']} to {row[label]}: {_format_number(float(row[value]))}{suffix}"
        line = folium.PolyLine(path, weight=width(row[value]), color=CATEGORY_COLOURS[0], opacity=0.8)
        line.add_child(_tooltip(text))
        line.add_to(m)
        folium.CircleMarker([float(row[lat]), float(row[lon])], radius=4, color=OUTLINE_COLOUR, weight=1,
                            fill=True, fill_color=CATEGORY_COLOURS[1], fill_opacity=1).add_child(_tooltip(row[label])).add_to(m)
    folium.CircleMarker([origin["lat"], origin["lon"]], radius=6, color=OUTLINE_COLOUR, weight=1, fill=True,
                        fill_color=CATEGORY_COLOURS[5], fill_opacity=1).add_child(_tooltip(origin["name"])).add_to(m)
    if len(data):
        samples = sorted({biggest, biggest / 2, biggest / 4}, reverse=True)
        rows = [(f'<span style="display:inline-block;width:30px;height:{width(s):.0f}px;background:{CATEGORY_COLOURS[0]};'
                 f'vertical-align:middle"></span>', f"{_format_number(s)}{suffix}") for s in samples if s > 0]
        Legend(legend_html(title, rows)).add_to(m)
    return m


# ---------------------------------------------------------------- schematic routes

SCHEMATIC_NOTE = "Schematic: straight lines join named places in order; they do not follow the real route."


def routes_map(frame, route="route", order="order", label="name", lat="lat", lon="lon", title="Routes (schematic)", tiles=None):
    """Schematic routes: for each `route`, a dashed line through its waypoints sorted by `order`."""
    require_columns(frame, [route, order, label, lat, lon], "routes_map")
    data = frame[[route, order, label, lat, lon]].sort_values([route, order]).reset_index(drop=True)
    names = list(dict.fromkeys(data[route]))
    if len(names) > len(CATEGORY_COLOURS):
        raise UsageError(f"routes_map can draw at most {len(CATEGORY_COLOURS)} routes; got {len(names)}")
    colours = dict(zip(names, CATEGORY_COLOURS))
    m = DescribedMap(
        title,
        f"{len(names)} schematic route(s): " + "; ".join(
            f"{n}: " + " - ".join(map(str, data.loc[data[route] == n, label])) for n in names
        ) + ". " + SCHEMATIC_NOTE,
        data,
        location=[float(data[lat].mean()), float(data[lon].mean())] if len(data) else [45.0, 68.0],
        zoom_start=3,
        tiles=tiles,
    )
    _base_layer(m)
    for n in names:
        part = data[data[route] == n]
        points = [[float(a), float(b)] for a, b in zip(part[lat], part[lon])]
        line = folium.PolyLine(points, weight=4, color=colours[n], dash_array="8 6", opacity=0.9)
        line.add_child(_tooltip(f"{n} (schematic)"))
        line.add_to(m)
        for _, row in part.iterrows():
            folium.CircleMarker([float(row[lat]), float(row[lon])], radius=5, color=OUTLINE_COLOUR, weight=1, fill=True,
                                fill_color=colours[n], fill_opacity=1).add_child(_tooltip(f"{row[label]} ({n})")).add_to(m)
    rows = [(f'<span style="display:inline-block;width:30px;border-top:4px dashed {colours[n]};vertical-align:middle"></span>', n)
            for n in names]
    Legend(legend_html(title, rows)).add_to(m)
    Legend(f"<b>{escape_text(SCHEMATIC_NOTE)}</b>", position="topright").add_to(m)
    return m
