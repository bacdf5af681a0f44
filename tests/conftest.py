"""Shared test set-up, and the two tiers.

The tests can import the developer tools (tools/) and the helpers in tests/ by name, from any
test folder.

`make check` runs the tests not marked slow (while you work); `make test` runs all. A test is
slow when it executes notebooks, builds an edition or the website, or starts fresh Python
processes to prove what a new kernel sees. Tests that use one of the fixtures below are marked
here, so a new test that uses them is in the slow tier without saying so; the others carry
`@pytest.mark.slow` themselves.
"""

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path[:0] = [str(TESTS.parent / "tools"), str(TESTS)]

BUILDING_FIXTURES = {
    "built": "builds both editions (tests/test_editions.py)",
    "real_site": "builds the website of the real collection (tests/test_site.py)",
    "made_up_site": "builds a website from made-up notebooks (tests/test_site.py)",
    "project": "runs make execute, editions and site on a copy (tests/test_learner_notebooks.py)",
}


def pytest_collection_modifyitems(items):
    for item in items:
        if BUILDING_FIXTURES.keys() & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def fresh_progress(tmp_path_factory, monkeypatch):
    """Each test keeps exercise progress in its own empty folder (see utils/exercises/store.py)."""
    monkeypatch.setenv("KZW_PROGRESS_DIR", str(tmp_path_factory.mktemp("progress")))
