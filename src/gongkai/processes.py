"""Children that die with the build: a forked worker never outlives the process that forked it.

A build killed by SIGKILL or SIGTERM runs no cleanup, so each child asks Linux to kill it when its
parent dies (`PR_SET_PDEATHSIG`); elsewhere it does nothing, and the children end when their pipe
closes, as before.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1
# Loaded once, before any fork: a child of a threaded process should not load libraries.
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


def die_with_parent(parent: int) -> None:
    """Called first in a child (forked, or before exec): killed when `parent` dies."""
    if _LIBC is None:
        return
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
