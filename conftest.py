"""Every pytest run (tests/ and the notebooks' nbval) keeps exercise progress in a fresh,
empty folder: a learner's saved progress (utils/exercises/store.py) never reaches a stored
output, and no test writes into the user's own progress file. Set before any kernel starts."""

import os
import tempfile

PROGRESS = tempfile.TemporaryDirectory(prefix="kzw-progress-")  # removed when pytest exits
os.environ["KZW_PROGRESS_DIR"] = PROGRESS.name
