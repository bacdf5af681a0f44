"""Typed tables: ``load(name)`` and ``tables()``, once the package has passed validation."""

from __future__ import annotations

import datetime as _dt
import decimal
from functools import lru_cache

import pandas as pd

from .errors import DataError, _file
from .package import _package, _resource
from .schemas import _schema
from .text import _read_csv
from .validation import _validated
from .verdicts import fingerprint


def _each(raw: pd.Series, convert) -> pd.Series:
    """Convert the cells one by one (the slow path, for spellings pandas does not read)."""
    return raw.map(lambda v: pd.NA if v is pd.NA else convert(v))


def _typed(frame: pd.DataFrame, schema: dict) -> pd.DataFrame:
    """Typed columns. Validation has accepted every cell; spellings Frictionless accepts and
    pandas does not ("+5", "1_765", "1991-1-6") are read cell by cell as Frictionless reads them."""
    out = {}
    for field in schema["fields"]:
        name, kind = field["name"], field.get("type", "string")
        raw = frame[name].replace("", pd.NA)
        enum = field.get("constraints", {}).get("enum")
        if kind == "date":
            try:
                out[name] = pd.to_datetime(raw, format="%Y-%m-%d")
            except (ValueError, TypeError):
                out[name] = pd.to_datetime(
                    _each(raw, lambda v: _dt.datetime.strptime(v, "%Y-%m-%d"))
                )
        elif kind in ("integer", "year"):
            try:
                out[name] = pd.to_numeric(raw).astype("Int64")
            except (ValueError, TypeError):
                out[name] = _each(raw, lambda v: int(v.strip())).astype("Int64")
        elif kind == "number":
            try:
                out[name] = pd.to_numeric(raw).astype("float64")
            except (ValueError, TypeError):
                out[name] = _each(raw, lambda v: float(decimal.Decimal(v.strip()))).astype(
                    "float64"
                )
        elif kind == "boolean":
            truthy = field.get("trueValues", ["true", "True", "TRUE", "1"])
            out[name] = raw.map(lambda v: pd.NA if v is pd.NA else v in truthy).astype("boolean")
        elif enum:
            out[name] = pd.Categorical(raw, categories=enum)
        else:
            out[name] = raw.astype("string")
    return pd.DataFrame(out, index=frame.index)


@lru_cache(maxsize=64)
def _load_cached(name: str, digest: str) -> pd.DataFrame:
    _validated(digest)
    resource = _resource(name)
    try:
        return _typed(_read_csv(resource), _schema(resource))
    except DataError:
        raise
    except Exception as err:  # validation passed, so this is a gap in these rules
        detail = " ".join(f"{type(err).__name__}: {err}".split())[:200]
        raise DataError(
            f"{_file(resource['path'])}: the table passed its checks but cannot be "
            f"read into typed columns ({detail}); compare it with the collection's "
            f"copy (git diff {_file(resource['path'])}) [typing]"
        ) from None


def load(name: str) -> pd.DataFrame:
    """Return the table ``data/<name>.csv`` as a typed DataFrame (a fresh copy each call).

    >>> borders = load("borders")            # doctest: +SKIP
    """
    if not isinstance(name, str):
        raise DataError(
            f"load() takes a table name in quotes, like load('borders'); "
            f"you gave a {type(name).__name__}."
        )
    _resource(name)  # a clear message for an unknown name, before any validation
    return _load_cached(name, fingerprint()).copy()


def tables() -> pd.DataFrame:
    """List the tables: name, what each holds, and its number of rows."""
    _validated(fingerprint())
    rows = []
    for resource in _package()["resources"]:
        rows.append(
            {
                "table": resource["name"],
                "holds": resource.get("description", resource.get("title", "")),
                "rows": len(_read_csv(resource)),
            }
        )
    return pd.DataFrame(rows)
