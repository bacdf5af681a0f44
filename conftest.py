"""Every pytest run (tests/ and the notebooks' nbval) keeps exercise progress in fresh, empty
folders: a learner's saved progress (utils/exercises/store.py) never reaches a stored output, and
no test writes into the user's own progress file.

The whole run gets one folder (set before any kernel starts); each notebook that nbval runs gets
a folder of its own, so what an earlier test did (a JupyterLab run of the same notebook, say)
cannot change what the notebook prints.
"""

import os
import tempfile

import pytest

PROGRESS = tempfile.TemporaryDirectory(prefix="kzw-progress-")  # removed when pytest exits
os.environ["KZW_PROGRESS_DIR"] = PROGRESS.name
_NOTEBOOK = [None]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before nbval starts the kernel of a notebook (at its first cell): a fresh progress folder."""
    if item.path.suffix == ".ipynb" and item.path != _NOTEBOOK[0]:
        _NOTEBOOK[0] = item.path
        os.environ["KZW_PROGRESS_DIR"] = tempfile.mkdtemp(prefix="notebook-", dir=PROGRESS.name)
