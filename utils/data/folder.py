"""Where the data package is read from: the one switch for the whole of ``utils.data``.

``DATA`` is the collection's ``data/`` folder. Every module asks :func:`data_folder` or
:func:`package_file` each time it reads, and never keeps the path from import time, so a test
points the whole loader at another folder with one line::

    monkeypatch.setattr(utils.data.folder, "DATA", tmp_path)
"""

from pathlib import Path

from ..paths import DATA


def data_folder() -> Path:
    """The folder the tables are read from: ``DATA``, unless a test points it elsewhere."""
    return DATA


def package_file() -> Path:
    """The package's description, ``datapackage.json`` in :func:`data_folder`."""
    return data_folder() / "datapackage.json"
