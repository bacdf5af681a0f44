"""The headless Chromium the tests, the benchmark and the teacher's kit drive through Playwright.

Debian's `chromium` (never `playwright install`, which downloads a browser), started with the
options a machine without a screen, a sandbox or a network needs.
"""

import shutil

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def executable() -> str | None:
    """The Chromium on PATH, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")
