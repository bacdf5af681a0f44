"""Helpers for the Kazakhstan in the World notebooks.

Everything a notebook needs comes from here, in one import line, for example::

    from utils import load, check, hint, solution, region_map

The rooms of the package:

- ``data``:       ``load(table)`` gives a checked, typed table from ``data/``; ``tables()`` lists
                  them; ``cite(source_ids)`` shows the source records behind a result.
- ``exercises/``: the exercise engine: ``check(id, answer)``, ``hint(id)``, ``solution(id)``,
                  ``progress()`` (kept across sessions), ``reset_progress()``; one module
                  per job (see its docstring).
- ``course/``:    the content: the notebook sequence and each notebook's exercises, each defined
                  once (question, kind, reference, hints, worked solution, common mistakes).
- ``countries``:  Kazakhstan's code, country-name matching, neighbours, Caspian states, capitals.
- ``maps``:       folium maps built from the data (each with a text alternative); ``caspian``:
                  the schematic map of the Caspian seabed lines (notebook 10); with
                  ``boundaries``, ``map_page``, ``map_assets``, ``offline`` and ``determinism``.
- ``charts``:     timelines and share charts (matplotlib); ``palette``: the colours both share.
- ``geo``:        great-circle distance and bearing.
- ``places``:     the name a place had on a date (Alma-Ata, Akmola, Nur-Sultan), from ``place_names``.
- ``profile``:    the profile of one partner country.
- ``paths``, ``errors``, ``display``: where files are, one-line learner errors, table display.

Content depends on the engine, never the reverse: the engine reads its exercises from the
package this module hands it (``COURSE``). Names are imported lazily, on first use, so
``import utils`` stays fast.
"""

from importlib import import_module

# name -> module that defines it
_EXPORTS = {
    # data
    "load": "data",
    "tables": "data",
    "cite": "data",
    "DataError": "data",
    # exercises
    "check": "exercises",
    "hint": "exercises",
    "solution": "exercises",
    "progress": "exercises",
    "reset_progress": "exercises",
    # maps
    "region_map": "maps",
    "choropleth_map": "maps",
    "markers_map": "maps",
    "links_map": "maps",
    "routes_map": "maps",
    "caspian_map": "caspian",
    "boundary_note": "boundaries",
    "land_neighbours": "countries",
    "caspian_states": "countries",
    "capital_of": "countries",
    "offline_mode": "offline",
    "is_offline": "offline",
    # geo
    "great_circle_km": "geo",
    "initial_bearing_deg": "geo",
    "distances_from": "geo",
    "great_circle_points": "geo",
    # charts
    "timeline_chart": "charts",
    "shares_chart": "charts",
    "alt_text": "charts",
    "country_profile": "profile",
    "find_country": "countries",
    # place names at a date
    "name_at": "places",
    "with_place_names": "places",
}

__all__ = sorted(_EXPORTS)

COURSE = f"{__name__}.course"  # the package the exercise engine reads its exercises from


def __getattr__(name):
    if name in _EXPORTS:
        module = import_module(f"{__name__}.{_EXPORTS[name]}")
        if _EXPORTS[name] == "exercises":
            module.use_course(COURSE)
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'utils' has no attribute {name!r}")


def __dir__():
    return __all__


def _install_notebook_helpers():
    """In a notebook, show the collection's own errors as one line, not a traceback, and tables
    without empty header cells."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    from . import display
    from .errors import LearnerError, show_learner_error

    shell.set_custom_exc((LearnerError,), show_learner_error)
    display.install(shell)


_install_notebook_helpers()
