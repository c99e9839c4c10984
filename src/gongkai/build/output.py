"""The build writes into a fresh folder beside `site/` and swaps it in only when it succeeded.

A build that fails, finds something `verify` refuses, or is killed leaves the previous `site/` as
it was: nothing half-written is ever one `rsync` away from the public. The swap is one
`renameat2(RENAME_EXCHANGE)` on Linux, so `site/` is at every moment either the old complete site
or the new one; elsewhere, two renames.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

_AT_FDCWD, _RENAME_EXCHANGE = -100, 2
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


class _Count(logging.Handler):
    """Warnings and errors MkDocs logs: with any, `--strict` aborts after `on_post_build`."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class Output:
    def __init__(self, final: Path, strict: bool) -> None:
        if final.exists() and not final.is_dir():
            raise PluginError(
                f"{final} 是一个文件而不是目录：网站要构建到这里，请删去或改名该文件后重新构建"
            )
        self.final = final
        self.strict = strict
        self.fresh = final.parent / f".{final.name}.building-{os.getpid()}"
        _remove_stale(final)
        shutil.rmtree(self.fresh, ignore_errors=True)
        self.problems = _Count()
        self.verified = False
        logging.getLogger("mkdocs").addHandler(self.problems)

    def succeeded(self) -> bool:
        """Verified, and under `--strict` nothing logged at warning level or above."""
        return self.verified and not (self.strict and self.problems.count)

    def swap(self) -> None:
        """The fresh site becomes `site/`; the previous one is removed."""
        self._stop_counting()
        if self.final.is_dir() and _exchange(self.fresh, self.final):
            shutil.rmtree(self.fresh)  # now the previous site
            return
        old = self.final.parent / f".{self.final.name}.building-{os.getpid()}-old"
        if self.final.is_dir():
            self.final.rename(old)
        self.fresh.rename(self.final)
        shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        self._stop_counting()
        shutil.rmtree(self.fresh, ignore_errors=True)

    def _stop_counting(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.problems)


def _exchange(a: Path, b: Path) -> bool:
    if _LIBC is None or not hasattr(_LIBC, "renameat2"):
        return False
    done = _LIBC.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


def _remove_stale(final: Path) -> None:
    """What builds that were killed left beside `site/` (their process is gone)."""
    for left in final.parent.glob(f".{final.name}.building-*"):
        pid = left.name.split("building-", 1)[1].split("-", 1)[0]
        if not pid.isdigit() or not _alive(int(pid)):
            shutil.rmtree(left, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
