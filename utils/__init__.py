"""Helpers for the Kazakhstan in the World notebooks.

Everything a notebook needs comes from here, in one import line, for example::

    from utils import load, check, hint, solution, region_map

- data:      ``load(table)`` gives a checked, typed table from ``data/``; ``tables()`` lists them;
             ``cite(source_ids)`` shows the source records behind a result.
- exercises: ``check(id, answer)``, ``hint(id)``, ``solution(id)``, ``progress()``.
- maps:      folium maps built from the data (each with a text alternative).
- geo:       great-circle distance and bearing.
- charts:    timelines and share charts (matplotlib).

Names are imported lazily, on first use, so ``import utils`` stays fast.
"""

from importlib import import_module

# name -> module that defines it
_EXPORTS = {
    # data
    "load": "data", "tables": "data", "cite": "data", "DataError": "data",
    # exercises
    "check": "exercises", "hint": "exercises", "solution": "exercises", "progress": "exercises",
    # maps
    "region_map": "maps", "choropleth_map": "maps", "markers_map": "maps",
    "links_map": "maps", "routes_map": "maps", "boundary_note": "boundaries",
    "land_neighbours": "maps", "caspian_states": "maps", "capital_of": "maps",
    "offline_mode": "offline", "is_offline": "offline",
    # geo
    "great_circle_km": "geo", "initial_bearing_deg": "geo", "distances_from": "geo",
    "great_circle_points": "geo",
    # charts
    "timeline_chart": "charts", "shares_chart": "charts", "alt_text": "charts",
    "country_profile": "profile", "find_country": "profile",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
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
