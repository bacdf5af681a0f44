"""axe-core accessibility checks for Playwright pages and frames (site and JupyterLab tests).

axe-core comes from npm, pinned exactly in package.json and package-lock.json, and is installed
into node_modules/ by `tools/tasks.py` (`npm ci`, when npm is available). It is injected into
the page with `add_script_tag`, so nothing is fetched from a network.

    from axe import run_axe, by_rule, describe

    violations = run_axe(page)          # the page and every iframe in it (maps included)
    violations = run_axe(frame)         # one frame only, as if it were a page
    assert not violations, describe(violations)
    by_rule(violations)                 # {"rule-id": number of offending elements}

A violation is axe's own dict (id, impact, help, helpUrl, tags, nodes: [{target, html,
summary}]) with two keys added: "url", the address of the document axe ran in, and "page", the
address of the top page. A node inside an iframe has a target of more than one selector.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from tooling import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# What axe checks: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
DEFAULT_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")


def axe_version() -> str | None:
    """The installed axe-core version (from node_modules), or None when it is not installed."""
    manifest = AXE_JS.parent / "package.json"
    if not manifest.exists():
        return None
    return json.loads(manifest.read_text(encoding="utf-8")).get("version")


def axe_available() -> bool:
    return AXE_JS.exists()


def require_axe():
    """Skip the calling test when axe-core is not installed (fail instead under CI=true)."""

    if axe_available():
        return AXE_JS
    reason = (
        "axe-core is not installed: run `npm ci` in the repository root "
        "(tools/tasks.py does it when npm is on the PATH)"
    )
    skip_or_fail(reason)


def _page_of(target):
    """The Page a Page or Frame belongs to."""
    return target.page if hasattr(target, "parent_frame") else target


def _inject(frame) -> bool:
    """Load axe-core into one frame (once); False when the frame cannot take it."""
    try:
        if not frame.evaluate("() => typeof window.axe === 'object'"):
            frame.add_script_tag(path=str(AXE_JS))
            # Pages opened from file:// (and their srcdoc frames) have the origin "null" or
            # "file://", which axe's frame messages refuse by default; these are test pages.
            frame.evaluate("""() => {
                if (['null', 'file://'].includes(window.location.origin))
                    window.axe.configure({allowedOrigins: ['<unsafe_all_origins>']});
            }""")
        return True
    except Exception:  # a detached or cross-origin frame that refuses scripts
        return False


def run_axe(
    target,
    tags=DEFAULT_TAGS,
    rules: dict | None = None,
    context=None,
    disable: tuple[str, ...] = (),
    iframes: bool = True,
) -> list[dict]:
    """Run axe-core on a Playwright Page or Frame; return its violations (a list of dicts).

    With iframes=True (the default) axe-core is also loaded into every frame inside `target`
    and checks them as part of the page, the way axe itself does it: rules about a whole page
    (one main landmark, a level-one heading) apply to the top document only, and an element in
    a frame has a target like ["iframe", "path.leaflet-interactive"]. With iframes=False only
    the document of `target` is checked. `tags` limits the rules (None: every rule axe has);
    `rules` is passed to axe as is ({"rule-id": {"enabled": False}}, ...); `disable` switches
    rules off by id; `context` is axe's context (default: the whole document).
    """
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `npm ci` in {ROOT}")
    top = target.main_frame if hasattr(target, "main_frame") else target
    _inject(top)
    if iframes:
        pending = list(top.child_frames)
        while pending:
            frame = pending.pop()
            _inject(frame)
            pending.extend(frame.child_frames)
    options: dict = {"resultTypes": ["violations"], "iframes": iframes}
    if tags:
        options["runOnly"] = {"type": "tag", "values": list(tags)}
    all_rules = dict(rules or {})
    for rule in disable:
        all_rules[rule] = {"enabled": False}
    if all_rules:
        options["rules"] = all_rules
    result = top.evaluate(
        """async ([context, options]) => {
            const r = await window.axe.run(context || document, options);
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html,
                                          summary: n.failureSummary}))
            }));
        }""",
        [context, options],
    )
    page_url = _page_of(target).url
    for violation in result:
        violation["url"] = top.url
        violation["page"] = page_url
    return result


def in_frame(node: dict) -> bool:
    """True when a violation's node is inside an iframe of the checked document."""
    return len(node["target"]) > 1


def by_rule(violations: list[dict]) -> dict[str, int]:
    """{rule id: number of offending elements}, over any number of pages and frames."""
    counts: Counter = Counter()
    for violation in violations:
        counts[violation["id"]] += len(violation["nodes"])
    return dict(sorted(counts.items()))


def describe(violations: list[dict], per_rule: int = 3) -> str:
    """A readable summary: each rule, its count, and a few offending elements with their page."""
    lines = []
    for rule, count in by_rule(violations).items():
        first = next(v for v in violations if v["id"] == rule)
        lines.append(
            f"{rule} ({first['impact']}, {count} elements): {first['help']} [{first['helpUrl']}]"
        )
        shown = 0
        for violation in (v for v in violations if v["id"] == rule):
            for node in violation["nodes"]:
                if shown < per_rule:
                    where = violation["page"].rsplit("/", 1)[-1]
                    if in_frame(node):
                        where += " > " + " > ".join(node["target"][:-1])
                    lines.append(f"    {where}: {node['html'][:160]}")
                shown += 1
    return "\n".join(lines)
