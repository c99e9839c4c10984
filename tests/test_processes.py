"""Forked workers die with the process that forked them, however it dies.

The killed-build test (`test_build_output.py`) kills a real build at moments of its own length;
this one kills a process while each kind of pool holds a busy worker, every time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

OWNER = """
import os, sys, time
from pathlib import Path
from gongkai import processes

out = Path(sys.argv[1])

def busy(start, stop):
    out.write_text(str(os.getpid()))
    time.sleep(120)
    return []

if sys.argv[2] == "in_forks":
    processes.in_forks(busy, 1, 1)
else:  # the link gate's helper
    with processes.forked_pool(1) as pool:
        pool.submit(busy, 0, 1).result()
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("kind", ["in_forks", "forked_pool"])
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_busy_worker_dies_with_its_killed_parent(
    tmp_path: Path, kind: str, sig: signal.Signals
) -> None:
    pid_file = tmp_path / "worker"
    owner = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(OWNER), str(pid_file), kind],
        start_new_session=True,  # so that no signal of ours reaches the worker directly
    )
    deadline = time.monotonic() + 60
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    worker = int(pid_file.read_text())
    assert _alive(worker)

    owner.send_signal(sig)
    owner.wait(timeout=30)
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)

    alive = _alive(worker)
    if alive:
        os.kill(worker, signal.SIGKILL)
    assert not alive, f"the worker of {kind} outlived its parent killed by {sig!r}"
