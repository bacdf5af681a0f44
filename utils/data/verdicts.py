"""The fingerprint of the package and the per-user cache of passing verdicts.

Validation takes seconds, so it runs once per state of the data, not once per kernel: a passing
verdict is remembered under the SHA-256 of every byte of the package (and of the rules, the
code of this package) in a per-user cache folder (``KZW_CACHE_DIR``, or the system's cache
folder). Any edit to a CSV, a schema or ``datapackage.json`` changes that hash, so the next
``load()`` validates again. Each table's passing verdict is also remembered under the hash of
its own files, of ``datapackage.json`` and of the tables it refers to, so an edit to one table
re-checks that table and the tables that point at it, not all of them. Failures are never
remembered.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from .errors import DataError
from .folder import data_folder, package_file
from .package import _package
from .schemas import _references


def _package_files() -> list[Path]:
    """Every file the package is made of: datapackage.json, the CSVs and the schema files."""
    folder = data_folder()
    files = {package_file(), *folder.glob("*.csv"), *(folder / "schemas").glob("*.json")}
    try:
        for resource in _package().get("resources", []):
            for name in (resource.get("path"), resource.get("schema")):
                files.add(folder / name)  # _package() refused any path outside data/
    except (DataError, AttributeError, TypeError, ValueError, OSError):
        pass  # a broken package is hashed as it is; validation names the fault
    return sorted(files)


@lru_cache(maxsize=1)
def _rules_bytes() -> bytes:
    """What judges the data: the code of every module of this package, in order of name, and
    the Frictionless version (read once)."""
    from importlib.metadata import version

    modules = sorted(Path(__file__).parent.glob("*.py"))
    code = b"".join(m.name.encode() + b"\0" + m.read_bytes() for m in modules)
    return code + version("frictionless").encode()


def _rules() -> hashlib._Hash:
    """A new hash that starts with the rules that judge the data."""
    return hashlib.sha256(_rules_bytes())


def _add_file(digest, path: Path) -> None:
    digest.update(b"\0" + path.relative_to(data_folder()).as_posix().encode() + b"\0")
    digest.update(path.read_bytes() if path.is_file() else b"<missing>")


def fingerprint() -> str:
    """SHA-256 of the package's bytes and of the rules that judge them: any edit changes it."""
    digest = _rules()
    for path in _package_files():
        _add_file(digest, path)
    return digest.hexdigest()


def _table_fingerprint(resource: dict, by_name: dict, schemas: dict) -> str:
    """SHA-256 of what one table's verdict rests on: the rules, datapackage.json, the table's
    CSV and schema, and the CSV and schema of every table its foreign keys point at."""
    digest = _rules()
    _add_file(digest, package_file())
    for name in [resource["name"], *_references(resource, schemas[resource["name"]])]:
        other = by_name[name]
        for relative in (other["path"], other["schema"]):
            if type(relative) is str:
                _add_file(digest, data_folder() / relative)
    return digest.hexdigest()


def cache_folder() -> Path:
    """Where passing verdicts are remembered: $KZW_CACHE_DIR, or the user's cache folder."""
    chosen = os.environ.get("KZW_CACHE_DIR")
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir  # a dependency of jupyter_core

    return Path(user_cache_dir("kazakhstan-in-the-world", appauthor=False))


def _verdict_file(digest: str) -> Path:
    return cache_folder() / "validated" / f"{digest}.json"


def _table_verdict_file(digest: str) -> Path:
    return cache_folder() / "validated" / "tables" / f"{digest}.json"


def _remember_valid(digest: str, target: Path | None = None) -> None:
    """Record a passing verdict; a cache that cannot be written only costs time."""
    target = target or _verdict_file(digest)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(
            json.dumps(
                {
                    "valid": True,
                    "checked": _dt.datetime.now().isoformat(timespec="seconds"),
                    "data": str(data_folder()),
                }
            ),
            encoding="utf-8",
        )
        temporary.replace(target)
    except OSError:
        pass
