"""Re-execute the notebooks in place, deterministically (a developer command).

    python tools/execute_notebooks.py [--force] [notebooks/NN-name.ipynb ...]

Runs every notebook in notebooks/ (or the ones named) top to bottom in a fresh kernel and
writes the outputs back, cleaned so that two runs in a row give byte-identical files: no
execution timing metadata, a fixed kernelspec, fixed language_info. Folium ids are made
stable by `utils` itself when a map is built.

A notebook with uncommitted changes may hold a learner's (or your) edits: it is left alone
and named in the summary, unless --force is given. Outside a git checkout nothing can be
told apart, so every notebook is left alone unless --force is given.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def uncommitted(paths: list[Path]) -> set[Path] | None:
    """Notebooks that differ from the last commit (or are untracked); None if not in git."""
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all", "--", *map(str, paths)],
            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    changed = set()
    for line in out.splitlines():
        name = line[3:].strip().strip('"')
        changed.add((ROOT / name).resolve())
    return changed


def clean(nb: nbformat.NotebookNode) -> None:
    """Drop what changes from run to run and is not content."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3",
                                    "codemirror_mode": {"name": "ipython", "version": 3},
                                    "file_extension": ".py", "mimetype": "text/x-python",
                                    "nbconvert_exporter": "python"}
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)


def execute(path: Path, timeout: int = 300) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            record_timing=False)
    client.execute()
    clean(nb)
    text = nbformat.writes(nb) + "\n"
    if path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--force", action="store_true",
                        help="also overwrite notebooks with uncommitted changes")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted(
        (ROOT / "notebooks").resolve().glob("*.ipynb"))
    changed = uncommitted(paths)
    left_alone = []
    if not args.force:
        if changed is None:
            print("Not a git checkout: cannot tell your edits from ours, so no notebook was "
                  "touched. Use --force to re-execute anyway.")
            return 1
        left_alone = [p for p in paths if p in changed]
        paths = [p for p in paths if p not in changed]
    failures = 0
    for path in paths:
        name = path.relative_to(ROOT).as_posix()
        try:
            seconds = execute(path)
            print(f"executed  {name}  ({seconds:.1f} s)")
        except Exception as err:  # report and go on with the next notebook
            failures += 1
            print(f"FAILED    {name}: {type(err).__name__}: {str(err).splitlines()[-1:]}")
    for path in left_alone:
        print(f"left alone {path.relative_to(ROOT).as_posix()}: it has uncommitted changes "
              "(commit them, or use --force to overwrite them)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
