"""Run one submitted notebook in isolation and read its answers (the grader's worker).

For each submission the grader makes a scratch folder holding a copy of the **teacher's**
``utils/`` and ``data/`` (this repository), the notebook's code cells and nothing else, and
starts a fresh kernel there:

- in its own process, through ``tools/grade_kernel.py``, with a memory limit (RLIMIT_AS);
- under ``unshare`` when the machine allows it: no network (an empty network namespace) and a
  read-only view of every file outside the scratch folder (a private mount namespace);
- with a time limit per cell and one for the whole notebook; a cell past its limit is
  interrupted (by nbclient) and the next cells still run;
- with the cells' outputs thrown away as they arrive (only errors are kept), so a cell that
  prints 100 MB costs time, never the grader's memory.

After the last cell, one more cell prints every ``answer_NN_K`` variable as tagged JSON
(``tools/grade_values.py``) behind a marker made for this run; the grader rebuilds the values
and judges them itself. The submission file is read once and never written.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Limits:
    """How long and how much one submission may take."""

    cell_seconds: int = 120
    notebook_seconds: int = 600
    memory_mb: int = 2048
    output_mb: int = 5  # printed output beyond this is noted (it is never kept)


def sandbox_level() -> str:
    """What isolation this machine allows: "net+fs" (no network, files read-only outside the
    scratch folder), "net" (no network only) or "none"."""
    unshare = shutil.which("unshare")
    if not unshare or not sys.platform.startswith("linux"):
        return "none"
    for level, flags in (("net+fs", "-rnm"), ("net", "-rn")):
        try:
            done = subprocess.run([unshare, flags, "true"], capture_output=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return level
    return "none"


class QuietClient(NotebookClient):
    """A notebook client that keeps only error outputs and the answers' line, and counts the
    bytes of everything else it drops."""

    readout_index = -1  # the grader's own last cell, whose printed text is kept
    readout = ""
    dropped = 0

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        if msg["msg_type"] == "error":
            outs.append(nbformat.v4.new_output("error", **_error_fields(content)))
        elif cell_index == self.readout_index and msg["msg_type"] == "stream":
            self.readout += str(content.get("text", ""))[: 64 * 1024 * 1024 - len(self.readout)]
        else:
            self.dropped += len(json.dumps(content.get("data", content.get("text", ""))))
        return None

    def answers_line(self, marker: str) -> str | None:
        """The JSON the readout cell printed after ``marker``, or None."""
        start = self.readout.find(marker)
        if start < 0:
            return None
        return self.readout[start + len(marker) :].split("\n", 1)[0]


def _error_fields(content: dict) -> dict:
    return {
        "ename": str(content.get("ename", "Error")),
        "evalue": str(content.get("evalue", ""))[:300],
        "traceback": [],
    }


def _scratch(code_cells: list[str]) -> Path:
    """A scratch folder with the teacher's utils/ and data/ and the submission's code."""
    base = Path(tempfile.mkdtemp(prefix="kzw-grade-"))
    shutil.copytree(ROOT / "utils", base / "utils")
    shutil.copytree(ROOT / "data", base / "data")
    shutil.copy2(TOOLS / "grade_values.py", base / "kzw_grade_values.py")
    for name in ("notebooks", "home", "tmp", "kernel"):
        (base / name).mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in code_cells])
    nbformat.write(nb, base / "notebooks" / "submission.ipynb")
    cache = os.environ.get("KZW_GRADE_SEED_CACHE")
    if cache and Path(cache).is_dir():
        shutil.copytree(cache, base / "cache")
    return base


def _kernel_manager(scratch: Path, limits: Limits, level: str) -> AsyncKernelManager:
    """A kernel manager whose kernel is tools/grade_kernel.py, under unshare when possible."""
    argv = [sys.executable, str(TOOLS / "grade_kernel.py"), str(scratch), str(limits.memory_mb)]
    argv += ["ro" if level == "net+fs" else "rw", "-f", "{connection_file}"]
    if level != "none":
        argv = ["unshare", "-rnm" if level == "net+fs" else "-rn", "--", *argv]
    specs = scratch / "kernelspec" / "kzw-grade"
    specs.mkdir(parents=True)
    spec = {"argv": argv, "display_name": "kzw grader", "language": "python"}
    (specs / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return AsyncKernelManager(
        kernel_name="kzw-grade",
        kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(specs.parent)]),
        transport="ipc",  # sockets in the scratch folder work across network namespaces
        ip=str(scratch / "kernel" / "ipc"),
        connection_file=str(scratch / "kernel" / "connection.json"),
    )


def _environment(scratch: Path) -> dict[str, str]:
    """The kernel's environment: nothing of the teacher's own, only what a kernel needs."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": str(scratch / "home"),
        "TMPDIR": str(scratch / "tmp"),
        "PYTHONPATH": str(scratch),
        "IPYTHONDIR": str(scratch / "home" / ".ipython"),
        "MPLCONFIGDIR": str(scratch / "home" / "matplotlib"),
        "JUPYTER_RUNTIME_DIR": str(scratch / "kernel"),
        "KZW_CACHE_DIR": str(scratch / "cache"),
        "KZW_OFFLINE": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }


def run_submission(code_cells: list[str], names: list[str], limits: Limits, level: str) -> dict:
    """Run the code cells in a fresh sandboxed kernel and read the answer variables ``names``.

    Returns {"answers": {name: tagged JSON}, "cells": [{"error", "timed_out", "run"}, ...],
    "notes": [one line each], "seconds": float, "read": bool}.
    """
    started = time.monotonic()
    scratch = _scratch(code_cells)
    marker = f"KZW-ANSWERS-{secrets.token_hex(8)}:"
    readout = f"import kzw_grade_values\nkzw_grade_values.emit({marker!r}, {names!r}, globals())"
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(c) for c in [*code_cells, readout]]
    )
    km = _kernel_manager(scratch, limits, level)
    client = QuietClient(
        nb,
        km=km,
        allow_errors=True,
        interrupt_on_timeout=True,  # nbclient interrupts the cell and goes on
        error_on_timeout={"ename": "CellTimeoutError", "evalue": "stopped at the time limit"},
        startup_timeout=60,
        record_timing=False,
    )
    client.readout_index = len(code_cells)
    cells = [{"error": "", "timed_out": False, "run": False} for _ in code_cells]
    notes: list[str] = []
    try:
        with client.setup_kernel(env=_environment(scratch)):
            deadline = started + limits.notebook_seconds
            for index, cell in enumerate(nb.cells):
                is_readout = index == len(code_cells)
                left = deadline - time.monotonic()
                if left < 1 and not is_readout:
                    if notes and "were not run" in notes[-1]:
                        continue
                    notes.append(
                        f"The notebook ran past its {limits.notebook_seconds} s limit: cells "
                        f"{index + 1} to {len(code_cells)} were not run."
                    )
                    continue
                client.timeout = 20 if is_readout else int(min(limits.cell_seconds, left))
                began = time.monotonic()
                client.execute_cell(cell, index)
                timed_out = time.monotonic() - began >= client.timeout
                if is_readout:
                    if timed_out:
                        notes.append("The answers could not be read: the kernel stayed busy.")
                    continue
                errors = [o for o in cell.outputs if o.output_type == "error"]
                cells[index].update(run=True, timed_out=timed_out, error=_one_error(errors))
                if timed_out:
                    notes.append(
                        f"Cell {index + 1} ran longer than {client.timeout} s and was stopped."
                    )
                elif errors:
                    notes.append(f"Cell {index + 1} raised {cells[index]['error']}.")
    except DeadKernelError:
        notes.append(
            f"The kernel stopped while running the notebook (past the {limits.memory_mb} MB "
            "memory limit, or the code ended its own process)."
        )
    except Exception as err:  # a kernel that would not start or answer
        notes.append(f"The notebook could not be run: {type(err).__name__}: {err}"[:300])
    finally:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)  # kills the kernel's whole process group
        shutil.rmtree(scratch, ignore_errors=True)
    if client.dropped > limits.output_mb * 1024 * 1024:
        notes.append(
            f"The cells printed {client.dropped / 1024 / 1024:.0f} MB of output (limit "
            f"{limits.output_mb} MB); it was discarded, as all output is."
        )
    answers, line = {}, client.answers_line(marker)
    if line is not None:
        try:
            answers = json.loads(line)
        except ValueError:
            notes.append("The answers could not be read: the kernel printed a broken line.")
    return {
        "answers": answers,
        "read": line is not None,
        "cells": cells,
        "notes": notes,
        "seconds": round(time.monotonic() - started, 2),
    }


def _one_error(errors: list) -> str:
    if not errors:
        return ""
    first = errors[0]
    return f"{first.ename}: {first.evalue}".strip().rstrip(":")[:300]
