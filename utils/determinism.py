"""Stable element ids for folium maps, so re-running a notebook gives identical HTML.

folium (through branca) names every map element with 32 random hex digits, so the same cell
gives different HTML on every run and strict nbval would fail. Two small changes fix that:

1. `install()` replaces branca's random id generator with a counter ("g1", "g2", ...), which
   is the same in every fresh Python process running the same code;
2. `renumber_ids(element)` gives an element and everything inside it the ids "1", "2", ...
   in a fixed walking order. The map class in utils.maps calls it just before rendering, so a
   map's HTML does not even depend on what other cells created before it.
"""

import itertools
from collections import OrderedDict

from branca.element import Element

_counter = itertools.count(1)


def _counter_id(cls=None):
    """Next id from the process-wide counter ("g1", "g2", ...)."""
    return f"g{next(_counter)}"


def install():
    """Make branca/folium element ids counter-based instead of random (idempotent)."""
    Element._generate_id = classmethod(_counter_id)


def _walk(root):
    """Every element reachable from `root` (children and Element attributes), in a fixed order."""
    found, seen, stack = [], set(), [root]
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        found.append(element)
        # Elements held as attributes (a Popup's html, header, script) also carry ids.
        inner = [
            getattr(element, name)
            for name in sorted(vars(element))
            if name not in ("_parent", "_children") and isinstance(getattr(element, name), Element)
        ]
        inner += list(element._children.values())
        stack.extend(reversed(inner))
    return found


def drop_render_helpers(root):
    """Remove the helper elements folium adds to layers while rendering.

    folium's Layer.render adds an "add this layer to its parent" element each time it renders.
    Rendering the same map twice would otherwise number the second rendering differently.
    """
    from folium.elements import ElementAddToElement

    for element in _walk(root):
        for key in [k for k, c in element._children.items() if isinstance(c, ElementAddToElement)]:
            del element._children[key]


def renumber_ids(root):
    """Give `root` and every element reachable from it the ids 1, 2, 3, ... in a fixed order."""
    drop_render_helpers(root)
    elements = _walk(root)
    old_names = {id(e): e.get_name() for e in elements}
    for number, element in enumerate(elements, start=1):
        element._id = str(number)
    # Children are stored under their name; keep those keys in step with the new names.
    for element in elements:
        rekeyed = OrderedDict()
        for key, child in element._children.items():
            named_by_id = key == old_names.get(id(child))
            rekeyed[child.get_name() if named_by_id else key] = child
        element._children = rekeyed
    return root
