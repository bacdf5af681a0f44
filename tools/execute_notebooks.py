"""Re-execute the notebooks in place, deterministically (a developer command).

    python tools/execute_notebooks.py [--force] [-- notebooks/any-name.ipynb ...]

Runs the collection's own sequence of notebooks, notebooks/NN-*.ipynb (or only the ones named,
whatever their names), top to bottom in a fresh kernel and writes the outputs back, cleaned so that two runs in a row give byte-identical files: no
execution timing metadata, a fixed kernelspec, the kernel's own language_info. Folium ids are
made stable by `utils` itself when a map is built. Each notebook gets a fresh, empty progress
folder (KZW_PROGRESS_DIR), so a learner's saved progress never reaches a stored output.

A notebook a learner put in the folder under another name is never touched unless named. A
notebook with uncommitted changes, or not committed at all, may hold a learner's (or your)
edits: it is left alone and named in the summary, unless --force is given. Git's status is
read NUL-separated (`git status -z`), so names with any letters, spaces, quotes or a leading
dash are compared exactly. Outside a git checkout nothing can be told apart, so every notebook
is left alone unless --force is given.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


SEQUENCE = "[0-9][0-9]-*.ipynb"  # the collection's own notebooks (as for the site and editions)


def absolute(path: Path) -> Path:
    """The real path of a notebook's folder, plus its own name: a symlinked notebook is judged
    by its own name, never by the file it points to."""
    path = Path(os.path.abspath(path))
    return Path(os.path.realpath(path.parent)) / path.name


def uncommitted(paths: list[Path]) -> set[Path] | None:
    """Notebooks that differ from the last commit (or are untracked); None if not in git."""
    try:
        out = subprocess.run(
            [
                "git",
                "status",
                "--porcelain",
                "-z",
                "--untracked-files=all",
                "--",
                *(str(p) for p in paths),
            ],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    changed = set()
    entries = iter(out.split(b"\0"))
    for entry in entries:
        if len(entry) < 4:
            continue
        status, name = entry[:2].decode("ascii"), os.fsdecode(entry[3:])
        changed.add(absolute(Path(top) / name))
        if "R" in status or "C" in status:  # a rename or copy: the next entry is the old name
            next(entries, None)
    return changed


def clean(nb: nbformat.NotebookNode) -> None:
    """Drop what changes from run to run and is not content."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    # language_info stays exactly as the kernel reported it (Python's version included):
    # JupyterLab writes the same into an opened notebook, so an untouched notebook is not
    # marked as changed (and autosaved) when it is opened with the Python that executed it.
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)


def execute(path: Path, timeout: int = 300) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    )
    with tempfile.TemporaryDirectory(prefix="kzw-progress-") as progress:
        client.execute(env=dict(os.environ, KZW_PROGRESS_DIR=progress))
    clean(nb)
    text = nbformat.writes(nb) + "\n"
    if path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return time.perf_counter() - start


def shown(path: Path) -> str:
    """A notebook's name for the summary: relative to the project when it is inside it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument(
        "--force", action="store_true", help="also overwrite notebooks with uncommitted changes"
    )
    args = parser.parse_args(argv)
    paths = [absolute(p) for p in args.notebooks] or sorted(
        absolute(p) for p in (ROOT / "notebooks").glob(SEQUENCE)
    )
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"No such notebook: {missing[0]}")
        return 1
    changed = uncommitted(paths)
    left_alone = []
    if not args.force:
        if changed is None:
            print(
                "Not a git checkout: cannot tell your edits from ours, so no notebook was "
                "touched. Use --force to re-execute anyway."
            )
            return 1
        left_alone = [p for p in paths if p in changed]
        paths = [p for p in paths if p not in changed]
    failures = 0
    for path in paths:
        name = shown(path)
        try:
            seconds = execute(path)
            print(f"executed  {name}  ({seconds:.1f} s)")
        except Exception as err:  # report and go on with the next notebook
            failures += 1
            print(f"FAILED    {name}: {type(err).__name__}: {str(err).splitlines()[-1:]}")
    for path in left_alone:
        print(
            f"left alone {shown(path)}: it has uncommitted changes "
            "(commit them, or use --force to overwrite them)"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
