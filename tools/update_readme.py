"""Write the notebook sequence into README.md from each notebook's metadata.

    python tools/update_readme.py           # rewrite the block between the markers
    python tools/update_readme.py --check   # exit 1 if the README is out of date

The block sits between `<!-- sequence:start -->` and `<!-- sequence:end -->`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from a checkout

from utils.course import sequence  # noqa: E402

START, END = "<!-- sequence:start -->", "<!-- sequence:end -->"


def sequence_block() -> str:
    lines = [
        START,
        "",
        "## The sequence",
        "",
        "| # | notebook | minutes | you will be able to |",
        "| --- | --- | --- | --- |",
    ]
    for row in sequence().itertuples():
        objectives = "<br>".join(f"{i}. {o}" for i, o in enumerate(row.objectives, 1))
        link = f"[{row.title}](notebooks/{row.file})"
        lines.append(f"| {row.number} | {link} | {row.minutes} | {objectives} |")
    lines += [
        "",
        "*This table is generated from the notebooks' metadata by "
        "`tools/update_readme.py`; a test checks it is current.*",
        "",
        END,
    ]
    return "\n".join(lines)


def updated(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return head + sequence_block() + tail


def main(argv: list[str]) -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in argv:
        if new != text:
            print("README.md's sequence is out of date: run python tools/update_readme.py")
            return 1
        return 0
    readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
