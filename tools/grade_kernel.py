"""Start a grading kernel inside its sandbox: ``python grade_kernel.py SCRATCH MEMORY_MB RO -f FILE``.

The grader launches this file as the kernel, under ``unshare --user --map-root-user --net
--mount`` when the machine allows it (see tools/grade_run.py). Before it becomes the kernel it:

- makes every mount read-only except the scratch folder (when RO is "ro" and it runs in its own
  mount namespace), so the notebook can write nowhere else;
- limits the kernel's address space to MEMORY_MB (RLIMIT_AS), any file it writes to 200 MB
  (RLIMIT_FSIZE), and turns off core dumps;
- works in SCRATCH/notebooks.

Then it replaces itself with ipykernel (same process, so interrupts and kills reach it).
"""

import os
import resource
import subprocess
import sys


def read_only_except(scratch: str) -> None:
    """Remount every mount read-only, except ``scratch`` (bind-mounted onto itself first)."""
    subprocess.run(["mount", "--bind", scratch, scratch], check=True)
    with open("/proc/self/mounts", encoding="utf-8") as mounts:
        points = sorted({line.split()[1] for line in mounts})
    for point in points:
        if point != scratch:
            subprocess.run(
                ["mount", "-o", "remount,bind,ro", point],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )


def main() -> None:
    scratch, memory_mb, mode, *kernel_args = sys.argv[1:]
    if mode == "ro":
        read_only_except(scratch)
    limit = int(memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_FSIZE, (200 * 1024 * 1024,) * 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.chdir(os.path.join(scratch, "notebooks"))
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *kernel_args])


if __name__ == "__main__":
    main()
