"""Load the collection's tables from ``data/``: checked against their schema, typed, cached.

``load("borders")`` returns a pandas DataFrame in which dates are dates, numbers are numbers and
columns with a fixed list of values are categories. The whole data package is validated with the
Frictionless library against ``data/datapackage.json`` and the schemas in ``data/schemas/``
(types, required cells, allowed values, patterns, ranges, primary and foreign keys, a minimum
number of rows). Whatever is wrong, at whatever depth (the package file, a schema, a table's
path, the CSV's encoding or structure, one cell), the teacher who edited it gets one line that
names the file, the line and the column where they apply, what is wrong and what to do; never a
traceback from the library. A passing verdict is remembered, so the next kernel starts at once;
any edit to the data is checked again.

Where everything is, one module per job:

- ``folder``:     where the package is read from (the one switch tests use);
- ``errors``:     :class:`DataError` and how messages show values and files;
- ``package``:    reading and checking ``datapackage.json`` (tables, safe paths);
- ``schemas``:    reading and checking the schema files (field types, keys);
- ``text``:       checks of a table's raw text (encoding, control characters, separators,
                  quotes);
- ``verdicts``:   :func:`fingerprint` and the per-user cache of passing verdicts
                  (:func:`cache_folder`);
- ``validation``: the whole package checked, Frictionless included;
- ``messages``:   Frictionless's errors turned into one line each;
- ``loading``:    typed tables, :func:`load` and :func:`tables`;
- ``citing``:     :func:`cite`.

``DATA`` and ``PACKAGE`` name the collection's own folder and package file; to read another
folder (in tests), patch ``utils.data.folder.DATA`` (see ``folder``).
"""

from .citing import cite
from .errors import DataError
from .folder import DATA
from .loading import load, tables
from .messages import TEXT_PATTERN
from .schemas import FIELD_TYPES
from .text import SEPARATORS
from .verdicts import cache_folder, fingerprint

PACKAGE = DATA / "datapackage.json"

__all__ = [
    "DATA",
    "FIELD_TYPES",
    "PACKAGE",
    "SEPARATORS",
    "TEXT_PATTERN",
    "DataError",
    "cache_folder",
    "cite",
    "fingerprint",
    "load",
    "tables",
]
