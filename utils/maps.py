"""Map builders for the notebooks (folium / Leaflet).

Every builder returns a `DescribedMap`: a folium map that also has
- `.describe()`: one or two sentences saying what the map shows (a text alternative),
- `.table()`: the table of values behind the map,
- a plain-text repr that says what the map shows (no memory address).

The base layer is always the country polygons from data/geo (Natural Earth), on a sea painted
blue, with the large lakes on top and the contested areas outlined (utils.boundaries). Every map
carries its own copy of Leaflet (utils.map_assets), so it draws with no network at all; background
tiles (OpenStreetMap, with attribution) are decoration only and are left out in offline mode
(see utils.offline). Every piece of text that comes from data is escaped before it reaches a
popup, tooltip or legend, so it is shown as text and never run as code.

Colours: the Okabe-Ito palette for categories and viridis for numbers; both are designed to
stay distinguishable for people with the common forms of colour-vision deficiency.
"""

import copy

import folium
import pandas as pd
from branca.colormap import linear
from branca.element import MacroElement
from folium.template import Template

from . import determinism, geo, offline
from .boundaries import (
    Note,
    boundary_note,
    contested_areas,
    load_boundaries,
    load_contested,
    load_water,
)
from .countries import KAZAKHSTAN, capital_of, caspian_states, land_neighbours
from .errors import UsageError
from .map_inputs import (
    LATITUDE,
    LONGITUDE,
    checked_table,
    number_of,
    switch_argument,
    text_argument,
    whole_argument,
)
from .map_page import WATER_COLOUR, MapPage, PackedGeoJson, escape_text, notebook_html
from .palette import CATEGORY_COLOURS, NO_DATA_COLOUR, OUTLINE_COLOUR

determinism.install()

__all__ = [
    "region_map",
    "choropleth_map",
    "markers_map",
    "links_map",
    "routes_map",
    "boundary_note",
    "load_boundaries",
    "land_neighbours",
    "caspian_states",
    "capital_of",
    "Note",
]


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
            div.style.font = '11px/1.35 sans-serif';
            div.style.border = '1px solid #999';
            div.style.maxWidth = '190px';
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


def country_names():
    """{ISO alpha-3 code: short English name} from data/countries.csv."""
    from .data import load

    countries = load("countries")
    return dict(zip(countries["iso3"], countries["name"]))


def name_list(codes):
    """ISO codes as a readable list of country names ("Bahrain, Maldives")."""
    names = country_names()
    return ", ".join(sorted(names.get(code, code) for code in codes))


class DescribedMap(folium.Map):
    """A folium map with a text description, the table behind it and stable, self-contained HTML.

    `bounds` ([[south, west], [north, east]]) makes the map open on exactly that area.
    `scale` adds a scale bar (only meaningful on regional maps: on a world map in this
    projection the scale changes too much with latitude).
    """

    def __init__(
        self, title, description, table, location, zoom_start, tiles=None, bounds=None, scale=False
    ):
        self.offline = offline.is_offline()
        super().__init__(location=location, zoom_start=zoom_start, tiles=None, zoom_snap=0.25)
        self.default_js = []  # Leaflet comes inline with the page (utils.map_assets); no jQuery needed
        self.default_css = []
        self.title = title
        MapPage(title).add_child(self)
        self._description = description
        self._table = table.reset_index(drop=True)
        show_tiles = (not self.offline) if tiles is None else (bool(tiles) and not self.offline)
        if show_tiles:
            import xyzservices.providers as providers

            folium.TileLayer(
                providers.OpenStreetMap.Mapnik, name="OpenStreetMap", opacity=0.5
            ).add_to(self)
        if bounds is not None:
            self.fit_bounds(bounds, padding=(20, 20))
        if scale:
            ScaleBar().add_to(self)
        if self.offline:
            OfflineNotice().add_to(self)

    def describe(self):
        """What the map shows, in words (a text alternative to the picture)."""
        return self._description

    def table(self):
        """The values behind the map, as a DataFrame (a copy)."""
        return self._table.copy()

    def __repr__(self):
        return f"{self.title}. {self._description}"

    def _repr_html_(self, **kwargs):
        """Notebook HTML (map, message, description), rendered from a copy so showing a map never changes it."""
        parent, self._parent = self._parent, None
        try:
            fresh = copy.deepcopy(self)
        finally:
            self._parent = parent
        page = MapPage(self.title)
        page.add_child(fresh)
        return notebook_html(page.render(**kwargs), self.title, self._description)

    def render(self, **kwargs):
        """Render with stable ids."""
        determinism.renumber_ids(self)
        return super().render(**kwargs)


class ScaleBar(MacroElement):
    """A metric and imperial scale bar in the top-right corner (legends use the bottom)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({position: 'topright', maxWidth: 120}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


class OfflineNotice(MacroElement):
    """A line in the map's attribution corner saying that offline mode is on."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution(
            'Offline mode: no background tiles');
        {% endmacro %}
        """
    )


def _points(geometry):
    """Every [lon, lat] pair of a Polygon or MultiPolygon."""
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    return [point for polygon in polygons for ring in polygon for point in ring]


def _context_land(m, skip=(), west=15.0, south=10.0, east=125.0, north=75.0):
    """The other countries near a regional map, in light grey, so land never looks like sea."""
    collection = load_boundaries("world")

    def nearby(feature):
        points = _points(feature["geometry"])
        return any(west <= lon <= east and south <= lat <= north for lon, lat in points)

    collection["features"] = [
        f for f in collection["features"] if f["properties"]["iso3"] not in skip and nearby(f)
    ]
    _polygon_layer(
        collection,
        colour_of=lambda p: "#f0f0f0",
        tooltip_of=lambda p: escape_text(p["name"]),
        name="other countries",
    ).add_to(m)


def _water_layer(m):
    """Seas and large lakes inside the continents, in the sea's colour, named on hover."""
    PackedGeoJson(
        load_water(),
        name="water",
        style_function=lambda feature: {
            "fillColor": WATER_COLOUR,
            "color": "#7aa6c9",
            "weight": 0.6,
            "fillOpacity": 1,
        },
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(m)


def _contested_layer(m):
    """Contested areas: a dashed outline over whatever colour lies beneath, with a summary on hover."""
    areas = contested_areas().set_index("area_id")
    collection = load_contested()
    for feature in collection["features"]:
        props = feature["properties"]
        row = areas.loc[props["area_id"]] if props["area_id"] in areas.index else None
        if row is None:
            props["tooltip"] = escape_text(f"{props['name']}: contested (see the note on borders)")
        else:
            props["tooltip"] = escape_text(
                f"{row['name']}: contested. Administered by {row['administered_by']}; "
                f"claimed by {row['claimed_by']}. See the note on borders."
            )
    PackedGeoJson(
        collection,
        name="contested areas",
        style_function=lambda feature: {
            "color": "#000000",
            "weight": 1.6,
            "dashArray": "4 3",
            "fill": True,
            "fillOpacity": 0.0,
        },
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False),
    ).add_to(m)


CONTESTED_LEGEND = (
    '<span style="display:inline-block;width:14px;height:12px;border:1.6px dashed #000;'
    'vertical-align:middle"></span>',
    "contested area (see the note on borders)",
)
WATER_LEGEND = (
    f'<span style="display:inline-block;width:14px;height:14px;background:{WATER_COLOUR};'
    'border:1px solid #7aa6c9;vertical-align:middle"></span>',
    "sea or lake",
)


def _finish(m):
    """The layers every map ends with: water on top of the land, then the contested outlines."""
    _water_layer(m)
    _contested_layer(m)
    return m


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
        return {
            "fillColor": p["fill"],
            "color": OUTLINE_COLOUR,
            "weight": p["weight"],
            "fillOpacity": 0.75,
        }

    return PackedGeoJson(
        collection,
        name=name,
        style_function=style,
        highlight_function=lambda feature: {"weight": 2.5},
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False),
    )


class Popup(MacroElement):
    """A popup showing `text` as text (folium's own Popup needs jQuery to build its content)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindPopup({{ this.html|tojson }}, {maxWidth: 300});
        {% endmacro %}
        """
    )

    def __init__(self, text):
        super().__init__()
        self._name = "Popup"
        self.html = escape_text(text)


def _tooltip(text):
    return folium.Tooltip(escape_text(text))


# ---------------------------------------------------------------- region map


def _codes(values, name):
    """A list of ISO alpha-3 codes given to region_map."""
    if type(values) not in (list, tuple, set) or not all(type(v) is str for v in values):
        raise UsageError(
            f"region_map: {name} must be a list of ISO alpha-3 codes in quotes, "
            f"like ['RUS', 'CHN']; you gave a {type(values).__name__}"
        )
    return list(values)


def region_map(
    title="Kazakhstan, its neighbours and the Caspian states",
    tiles=None,
    neighbours=None,
    caspian=None,
):
    """Kazakhstan highlighted, its land neighbours and the other Caspian littoral states.

    `neighbours` and `caspian` are lists of ISO alpha-3 codes; by default they come from
    data/borders.csv and data/caspian_states.csv.
    """
    title = text_argument(title, "title", "region_map")
    tiles = switch_argument(tiles, "tiles", "region_map", allow_none=True)
    neighbours = _codes(land_neighbours() if neighbours is None else neighbours, "neighbours")
    caspian = _codes(caspian_states() if caspian is None else caspian, "caspian")
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
        {
            "country": f["properties"]["name"],
            "iso3": f["properties"]["iso3"],
            "role": roles.get(f["properties"]["iso3"], ""),
        }
        for f in collection["features"]
    ]
    table = pd.DataFrame(rows).sort_values(["role", "country"]).reset_index(drop=True)
    neighbour_names = ", ".join(table.loc[table.role.str.startswith("land neighbour"), "country"])
    caspian_names = ", ".join(table.loc[table.role.str.contains("Caspian"), "country"])
    description = (
        f"Kazakhstan (highlighted) with its {len(neighbours)} land neighbours ({neighbour_names}) "
        f"and the states on the Caspian Sea ({caspian_names}); the other countries around them are "
        "light grey and the Caspian Sea, the Aral Sea and Lake Balkhash are blue. "
        "Boundaries: Natural Earth 1:50m."
    )
    m = DescribedMap(
        title,
        description,
        table,
        location=[45.0, 68.0],
        zoom_start=3,
        tiles=tiles,
        bounds=[[25.0, 38.0], [62.0, 100.0]],
        scale=True,
    )
    _context_land(m, skip={f["properties"]["iso3"] for f in collection["features"]})

    def tooltip_of(p):
        role = roles.get(p["iso3"], "")
        return escape_text(p["name"] if role in ("", p["name"]) else f"{p['name']}: {role}")

    layer = _polygon_layer(
        collection,
        colour_of=lambda p: colours.get(roles.get(p["iso3"]), NO_DATA_COLOUR),
        tooltip_of=tooltip_of,
        name="countries",
        weight_of=lambda p: 2.0 if p["iso3"] == KAZAKHSTAN else 0.8,
    )
    layer.add_to(m)
    _finish(m)
    order = ["Kazakhstan", "land neighbour", "land neighbour and Caspian state", "Caspian state"]
    rows = [(swatch(colours[r]), r) for r in order] + [WATER_LEGEND, CONTESTED_LEGEND]
    Legend(legend_html(title, rows)).add_to(m)
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


# The world view leaves the South Pacific on the left, where the legend sits, so the legend
# covers ocean rather than South America at the widths a notebook or the website gives a map.
WORLD_VIEW = [[-58.0, -225.0], [78.0, 182.0]]


def choropleth_map(
    frame, value, iso3="iso3", title=None, categorical=None, classes=5, unit="", tiles=None
):
    """World map with countries coloured by `value` (one row per ISO 3166-1 alpha-3 code).

    Numbers get viridis colours in equal-width classes; text or category values get one
    Okabe-Ito colour each (at most 7 categories). Countries without a value are grey.
    """
    what = "choropleth_map"
    value, iso3 = text_argument(value, "value", what), text_argument(iso3, "iso3", what)
    title, unit = (
        text_argument(title, "title", what, allow_none=True),
        text_argument(unit, "unit", what),
    )
    categorical = switch_argument(categorical, "categorical", what, allow_none=True)
    classes = whole_argument(classes, "classes", what, 1, 9)
    tiles = switch_argument(tiles, "tiles", what, allow_none=True)
    texts = checked_table(frame, what, text=[iso3, value])  # the columns, any cell as text
    if categorical is None:
        categorical = not pd.api.types.is_numeric_dtype(frame[value]) or pd.api.types.is_bool_dtype(
            frame[value]
        )
    kept = (frame[iso3].notna() & frame[value].notna()).to_numpy()
    if categorical:
        data = texts[kept].copy()
    else:
        data = checked_table(frame, what, text=[iso3], numbers={value: None}, optional=[value])[
            kept
        ]
    data[iso3] = data[iso3].str.upper().str.strip()
    # The table shown with the map keeps the learner's values as they were (numbers stay numbers).
    shown_values = frame[value][kept].reset_index(drop=True)
    if data[iso3].duplicated().any():
        dupes = ", ".join(sorted(set(data.loc[data[iso3].duplicated(), iso3])))
        raise UsageError(f"choropleth_map needs one row per country; repeated: {dupes}")
    title = title or value
    values = dict(zip(data[iso3], data[value]))
    collection = load_boundaries("world")
    known = {f["properties"]["iso3"] for f in collection["features"]}
    unknown = sorted(set(values) - known)

    if categorical:
        categories = sorted({str(v) for v in values.values()})
        if len(categories) > len(CATEGORY_COLOURS):
            raise UsageError(
                f"choropleth_map can colour at most {len(CATEGORY_COLOURS)} categories; {value!r} has {len(categories)}"
            )
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
            (
                swatch(colours[i]),
                f"{_format_number(edges[i])} to {_format_number(edges[i + 1])}{suffix}",
            )
            for i in range(n)
        ]
    rows += [(swatch(NO_DATA_COLOUR), "no data"), WATER_LEGEND, CONTESTED_LEGEND]

    def tooltip_of(p):
        v = values.get(p["iso3"])
        shown = (
            "no data"
            if v is None
            else (v if categorical else _format_number(float(v)) + (f" {unit}" if unit else ""))
        )
        return escape_text(f"{p['name']}: {shown}")

    table = (
        pd.DataFrame({"iso3": data[iso3].to_numpy(), value: shown_values})
        .sort_values("iso3")
        .reset_index(drop=True)
    )
    shown = len(values) - len(unknown)
    description = (
        f"{title}: a world map with {shown} {'country' if shown == 1 else 'countries'} coloured "
        f"by {'category' if categorical else 'value'} (see the legend); the others are grey, with no value in this table."
    )
    if unknown:
        description += f" Too small to draw at this scale, so not on the map: {name_list(unknown)}."
    m = DescribedMap(
        title,
        description,
        table,
        location=[35.0, 40.0],
        zoom_start=2,
        tiles=tiles,
        bounds=WORLD_VIEW,
    )
    _polygon_layer(collection, colour_of, tooltip_of, name=title).add_to(m)
    _finish(m)
    Legend(legend_html(title, rows), position="bottomleft").add_to(m)
    return m


# ---------------------------------------------------------------- markers


def markers_map(
    frame, lat="lat", lon="lon", label="name", popup=None, title="Places", circles=False, tiles=None
):
    """A marker per row at (lat, lon); tooltip = `label`, popup = `popup` column (or label).

    circles=True draws small circles instead of pin markers.
    """
    what = "markers_map"
    lat, lon, label = (
        text_argument(v, n, what) for v, n in ((lat, "lat"), (lon, "lon"), (label, "label"))
    )
    popup = text_argument(popup, "popup", what, allow_none=True)
    title = text_argument(title, "title", what)
    circles = switch_argument(circles, "circles", what)
    tiles = switch_argument(tiles, "tiles", what, allow_none=True)
    texts = [label] + ([popup] if popup else [])
    data = checked_table(frame, what, text=texts, numbers={lat: LATITUDE, lon: LONGITUDE})
    data = data[[lat, lon, *dict.fromkeys(texts)]]
    m = DescribedMap(
        title,
        f"{_count(len(data), 'place')} marked: {_listing(data[label])}.",
        frame[[lat, lon, *texts]].reset_index(drop=True),  # the learner's values, as they were
        location=[float(data[lat].mean()), float(data[lon].mean())] if len(data) else [45.0, 68.0],
        zoom_start=3,
        tiles=tiles,
        bounds=_bounds_around(data[lat], data[lon]),
        scale=True,
    )
    _base_layer(m)
    for _, row in data.iterrows():
        where = [float(row[lat]), float(row[lon])]
        text = row[popup] if popup else row[label]
        if circles:
            marker = folium.CircleMarker(
                where,
                radius=6,
                color=OUTLINE_COLOUR,
                weight=1,
                fill=True,
                fill_color=CATEGORY_COLOURS[5],
                fill_opacity=0.9,
            )
        else:
            marker = folium.Marker(where)
        marker.add_child(_tooltip(row[label]))
        marker.add_child(Popup(text))
        marker.add_to(m)
    return _finish(m)


def _value_name(column, unit=""):
    """A column name as words for a sentence, without a unit the numbers already carry ("distance_km" -> "distance")."""
    words = column.replace("_", " ").split()
    if len(words) > 1 and words[-1].lower() in {
        unit.strip().lower(),
        "km",
        "pct",
        "percent",
        "usd",
    }:
        words = words[:-1]
    return " ".join(words)


def _count(n, noun):
    """ "1 place", "2 places"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _listing(values):
    """Text values joined for a sentence."""
    return ", ".join(str(v) for v in values) if len(values) else "none"


def _bounds_around(lats, lons, min_span=5.0):
    """[[south, west], [north, east]] around the points, at least `min_span` degrees wide and high."""
    lats, lons = [float(x) for x in lats], [float(x) for x in lons]
    if not lats:
        return [[35.0, 45.0], [55.0, 90.0]]
    bounds = []
    for low, high in ((min(lats), max(lats)), (min(lons), max(lons))):
        grow = max(0.0, min_span - (high - low)) / 2
        bounds.append((low - grow, high + grow))
    (south, north), (west, east) = bounds
    return [[max(south, -80.0), west], [min(north, 80.0), east]]


def _base_layer(m, highlight=KAZAKHSTAN):
    """Light-grey world polygons (Kazakhstan tinted sand) under markers and lines."""
    colours = {highlight: "#f6e3bf"}  # a light sand: clearly land, unlike the blue water
    _polygon_layer(
        load_boundaries("world"),
        colour_of=lambda p: colours.get(p["iso3"], "#f0f0f0"),
        tooltip_of=lambda p: escape_text(p["name"]),
        name="countries",
    ).add_to(m)


# ---------------------------------------------------------------- links


def _origin(origin):
    """The origin given to links_map: a dict with a name, lat and lon."""
    if type(origin) is dict and type(origin.get("name")) is str:
        lat, lon = number_of(origin.get("lat")), number_of(origin.get("lon"))
        if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
            return {"name": origin["name"], "lat": lat, "lon": lon}
    raise UsageError(
        "links_map: origin must be like {'name': 'Astana', 'lat': 51.17, 'lon': 71.45}, "
        "or left out for Astana"
    )


def links_map(
    frame, value, lat="lat", lon="lon", label="name", origin=None, title=None, unit="", tiles=None
):
    """Lines from an origin (Astana by default) to each row's place; line width grows with `value`."""
    what = "links_map"
    value, lat, lon, label = (
        text_argument(v, n, what)
        for v, n in ((value, "value"), (lat, "lat"), (lon, "lon"), (label, "label"))
    )
    title, unit = (
        text_argument(title, "title", what, allow_none=True),
        text_argument(unit, "unit", what),
    )
    tiles = switch_argument(tiles, "tiles", what, allow_none=True)
    origin = capital_of(KAZAKHSTAN) if origin is None else _origin(origin)
    data = checked_table(
        frame, what, text=[label], numbers={lat: LATITUDE, lon: LONGITUDE, value: (0, 1e12)}
    )
    title = title or f"Links from {origin['name']}: {value}"
    biggest = float(data[value].max()) if len(data) else 0.0
    suffix = f" {unit}" if unit else ""

    def width(v):
        return 1.5 if biggest <= 0 else 1.5 + 8.5 * float(v) / biggest

    measure = _value_name(value, unit)
    values = "; ".join(
        f"{row[label]} {_format_number(float(row[value]))}{suffix}" for _, row in data.iterrows()
    )
    if len(data) == 1:
        description = f"A line from {origin['name']} to {data[label].iloc[0]} ({measure}: {_format_number(float(data[value].iloc[0]))}{suffix})."
    else:
        description = (
            f"Lines from {origin['name']} to {_count(len(data), 'place')}, wider for a larger "
            f"{measure}: {values or 'none'}."
        )
    m = DescribedMap(
        title,
        description,
        frame[[label, lat, lon, value]].reset_index(
            drop=True
        ),  # the learner's values, as they were
        location=[45.0, 60.0],
        zoom_start=2,
        tiles=tiles,
        bounds=_bounds_around(list(data[lat]) + [origin["lat"]], list(data[lon]) + [origin["lon"]]),
    )
    _base_layer(m)
    for _, row in data.iterrows():
        path = geo.great_circle_points(
            origin["lat"], origin["lon"], float(row[lat]), float(row[lon])
        )
        text = f"{origin['name']} to {row[label]}: {_format_number(float(row[value]))}{suffix}"
        line = folium.PolyLine(
            path, weight=width(row[value]), color=CATEGORY_COLOURS[0], opacity=0.8
        )
        line.add_child(_tooltip(text))
        line.add_to(m)
        folium.CircleMarker(
            [float(row[lat]), float(row[lon])],
            radius=4,
            color=OUTLINE_COLOUR,
            weight=1,
            fill=True,
            fill_color=CATEGORY_COLOURS[1],
            fill_opacity=1,
        ).add_child(_tooltip(row[label])).add_to(m)
    folium.CircleMarker(
        [origin["lat"], origin["lon"]],
        radius=6,
        color=OUTLINE_COLOUR,
        weight=1,
        fill=True,
        fill_color=CATEGORY_COLOURS[5],
        fill_opacity=1,
    ).add_child(_tooltip(origin["name"])).add_to(m)
    if len(data):
        samples = sorted({biggest, biggest / 2, biggest / 4}, reverse=True)
        rows = [
            (
                f'<span style="display:inline-block;width:30px;height:{width(s):.0f}px;background:{CATEGORY_COLOURS[0]};'
                f'vertical-align:middle"></span>',
                f"{_format_number(s)}{suffix}",
            )
            for s in samples
            if s > 0
        ]
        Legend(legend_html(title, rows)).add_to(m)
    return _finish(m)


# ---------------------------------------------------------------- schematic routes

SCHEMATIC_NOTE = (
    "Schematic: straight lines join named places in order; they do not follow the real route."
)


def routes_map(
    frame,
    route="route",
    order="order",
    label="name",
    lat="lat",
    lon="lon",
    title="Routes (schematic)",
    tiles=None,
):
    """Schematic routes: for each `route`, a dashed line through its waypoints sorted by `order`."""
    what = "routes_map"
    route, order, label, lat, lon = (
        text_argument(v, n, what)
        for v, n in (
            (route, "route"),
            (order, "order"),
            (label, "label"),
            (lat, "lat"),
            (lon, "lon"),
        )
    )
    title = text_argument(title, "title", what)
    tiles = switch_argument(tiles, "tiles", what, allow_none=True)
    data = checked_table(
        frame, what, text=[route, label], numbers={order: None, lat: LATITUDE, lon: LONGITUDE}
    )
    data = data[[route, order, label, lat, lon]].sort_values([route, order])
    shown = frame[[route, order, label, lat, lon]].iloc[data.index].reset_index(drop=True)
    data = data.reset_index(drop=True)
    names = list(dict.fromkeys(data[route]))
    if len(names) > len(CATEGORY_COLOURS):
        raise UsageError(
            f"routes_map can draw at most {len(CATEGORY_COLOURS)} routes; got {len(names)}"
        )
    colours = dict(zip(names, CATEGORY_COLOURS))
    m = DescribedMap(
        title,
        f"{_count(len(names), 'schematic route')}: "
        + "; ".join(
            f"{n}: " + " - ".join(map(str, data.loc[data[route] == n, label])) for n in names
        )
        + ". "
        + SCHEMATIC_NOTE,
        shown,  # the learner's values, as they were
        location=[float(data[lat].mean()), float(data[lon].mean())] if len(data) else [45.0, 68.0],
        zoom_start=3,
        tiles=tiles,
        bounds=_bounds_around(data[lat], data[lon]),
        scale=True,
    )
    _base_layer(m)
    for n in names:
        part = data[data[route] == n]
        points = [[float(a), float(b)] for a, b in zip(part[lat], part[lon])]
        line = folium.PolyLine(points, weight=4, color=colours[n], dash_array="8 6", opacity=0.9)
        line.add_child(_tooltip(f"{n} (schematic)"))
        line.add_to(m)
        for _, row in part.iterrows():
            folium.CircleMarker(
                [float(row[lat]), float(row[lon])],
                radius=5,
                color=OUTLINE_COLOUR,
                weight=1,
                fill=True,
                fill_color=colours[n],
                fill_opacity=1,
            ).add_child(_tooltip(f"{row[label]} ({n})")).add_to(m)
    rows = [
        (
            f'<span style="display:inline-block;width:30px;border-top:4px dashed {colours[n]};vertical-align:middle"></span>',
            n,
        )
        for n in names
    ]
    Legend(legend_html(title, rows)).add_to(m)
    Legend(f"<b>{escape_text(SCHEMATIC_NOTE)}</b>", position="topright").add_to(m)
    return _finish(m)
