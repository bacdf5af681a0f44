"""Facts about countries that several helpers share: Kazakhstan's code, name matching,
neighbours, the Caspian states and capitals.

    find_country("Türkiye")     # "TUR": a name, another name or an ISO3 code, any case or accents
    land_neighbours()           # ["CHN", "KGZ", "RUS", "TKM", "UZB"], from data/borders.csv
    capital_of("CHN")           # {"name": "Beijing", "lat": ..., "lon": ...}

Names are matched without case, accents, punctuation or extra spaces (``normalise_text``),
against the names, other names and ISO3 codes of data/countries.csv.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from .errors import LearnerError

KAZAKHSTAN = "KAZ"


def normalise_text(text: str) -> str:
    """Text compared without case, accents, punctuation or extra spaces.

    >>> normalise_text("  Côte d'Ivoire ")
    'cote divoire'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[‐-―\-_/]+", " ", text)
    text = re.sub(r"[^\w\s]", "", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class CountryIndex:
    """Country names matched to ISO3 codes: ``codes`` maps each normalised name, other name
    and code to an ISO3 code; ``names`` maps each ISO3 code to the country's short name."""

    codes: dict[str, str]
    names: dict[str, str]

    def code(self, text: str) -> str | None:
        """The ISO3 code a name stands for, or None."""
        return self.codes.get(normalise_text(text))

    def closest_name(self, text: str) -> str | None:
        """The short name of the country whose name is closest to ``text``, if any is close."""
        close = difflib.get_close_matches(normalise_text(text), list(self.codes), n=1, cutoff=0.75)
        return self.names.get(self.codes[close[0]], close[0]) if close else None


def build_country_index(countries: pd.DataFrame) -> CountryIndex:
    """The index of a countries table (columns iso3, name and, optionally, aliases)."""
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    aliases = countries["aliases"] if "aliases" in countries.columns else [None] * len(countries)
    for iso3, name, other_names in zip(countries["iso3"], countries["name"], aliases):
        iso3, name = str(iso3), str(name)
        names[iso3] = name
        candidates = [iso3, name]
        if isinstance(other_names, str):
            candidates += [a for a in other_names.split(";") if a.strip()]
        for candidate in candidates:
            codes.setdefault(normalise_text(candidate), iso3)
    return CountryIndex(codes, names)


_INDEX_BY_DATA_STATE: dict[str, CountryIndex] = {}


def country_index() -> CountryIndex:
    """The index of data/countries.csv as it is now (built once per state of the data)."""
    from . import data

    try:
        stamp = data.fingerprint()
    except Exception:
        stamp = None
    if stamp is not None and stamp in _INDEX_BY_DATA_STATE:
        return _INDEX_BY_DATA_STATE[stamp]
    built = build_country_index(data.load("countries"))
    _INDEX_BY_DATA_STATE.clear()
    if stamp is not None:
        _INDEX_BY_DATA_STATE[stamp] = built
    return built


class UnknownCountryError(LearnerError, LookupError):
    """The name or code given to country_profile is not in data/countries.csv."""


LONGEST_NAME = 100  # characters; the longest name or other name in countries.csv is shorter


def _shown(value) -> str:
    """A short text for any value, even one whose str() fails."""
    try:
        text = str(value)
    except Exception:
        return "?"
    return " ".join(text[:1000].split())[:40] if type(text) is str else "?"


def find_country(name_or_iso3: str) -> str:
    """The ISO3 code for a country name, another name or a code; a one-line error otherwise."""
    # type() and str.__str__, not isinstance() and str(): a value may lie about its class or
    # refuse to be converted, and the learner still gets one line.
    if not issubclass(type(name_or_iso3), str) or not str.__str__(name_or_iso3).strip():
        raise UnknownCountryError(
            "country_profile takes a country name or ISO3 code in quotes, like "
            f"country_profile('China'); you gave {_shown(name_or_iso3)!r} "
            f"({type(name_or_iso3).__name__})."
        )
    text = str.__str__(name_or_iso3)
    shown = " ".join(text.split())[:40]
    if len(text) > LONGEST_NAME:
        raise UnknownCountryError(
            f"{shown + '...'!r} is not a country in data/countries.csv: "
            f"no name there is {LONGEST_NAME} characters long."
        )
    index = country_index()
    code = index.code(text)
    if code is not None:
        return code
    suggestion = index.closest_name(text)
    if suggestion:
        raise UnknownCountryError(
            f"{shown!r} is not a country in data/countries.csv; did you mean {suggestion!r}?"
        )
    raise UnknownCountryError(
        f"{shown!r} is not a country in data/countries.csv (it lists "
        "names, other names and ISO3 codes)."
    )


def land_neighbours() -> list[str]:
    """ISO codes of Kazakhstan's land neighbours, from data/borders.csv."""
    from .data import load

    return sorted(load("borders")["neighbour_iso3"].dropna().unique())


def caspian_states() -> list[str]:
    """ISO codes of the Caspian littoral states, from data/caspian_states.csv."""
    from .data import load

    return sorted(load("caspian_states")["iso3"].dropna().unique())


def capital_of(iso3: str = KAZAKHSTAN) -> dict:
    """{"name", "lat", "lon"} of a country's capital, from data/countries.csv."""
    from .data import load

    row = load("countries").set_index("iso3").loc[iso3]
    return {
        "name": row["capital"],
        "lat": float(row["capital_lat"]),
        "lon": float(row["capital_lon"]),
    }
