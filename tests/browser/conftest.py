"""Browser fixtures: Playwright driving the system Chromium, headless.

Skips the browser tests when Chromium or Playwright is missing, unless CI=true (then fails).
Screenshots go to test-output/browser/ (git-ignored).
"""

from pathlib import Path

import chromium
import pytest

from tooling import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "browser"


def _unavailable(reason):
    skip_or_fail(f"browser tests need {reason}")


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    browser_path = chromium.executable()
    if not browser_path:
        _unavailable("a chromium executable on the PATH")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=browser_path,
            args=chromium.ARGS,
            viewport={"width": 1000, "height": 700},
        )
        yield context
        context.close()


@pytest.fixture
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


from lab_fixtures import *  # noqa: E402,F401,F403  JupyterLab fixtures (test_jupyterlab.py)
