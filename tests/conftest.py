"""Shared test set-up: the tests can import the developer tools (tools/) and the helpers in
tests/ by name, from any test folder."""

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
sys.path[:0] = [str(TESTS.parent / "tools"), str(TESTS)]
