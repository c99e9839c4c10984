"""The built pages scanned for the link gate while MkDocs writes them (big sites)."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import queue
import threading
from multiprocessing.connection import Connection
from pathlib import Path

from gongkai.links.scan import Packed, Scanned, Scanner, pack, packed_navs
from gongkai.processes import die_with_parent

SCANNED = "pages scanned as written"  # Site.memos key: ScanAhead's result for the gate


class ScanAhead:
    """The pages scanned by a forked child as MkDocs writes them, on a big site.

    `written(dest)` names a page now on disk; `result()` hands the child's scans to `scan_all`,
    which then reads only the pages written after (404.html, exports). The child keeps up with
    MkDocs on the core Pagefind leaves free, so the gate after the build mostly resolves links.
    Start it early, while the build process is small: after a fork, each process pays for a copy
    of every memory page it writes that the other still shares.
    """

    BATCH = 100  # pages named per message

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.batch: list[str] = []
        self.conn: Connection | None = None
        self.process: mp.process.BaseProcess | None = None

    def start(self) -> None:
        if "fork" not in mp.get_all_start_methods():
            return
        parent, child = mp.get_context("fork").Pipe()
        self.process = mp.get_context("fork").Process(
            target=_scan_written, args=(child, self.site_dir, os.getpid()), daemon=True
        )
        self.process.start()
        child.close()
        self.conn = parent

    def written(self, dest: str) -> None:
        if self.conn is not None and dest.endswith(".html"):
            self.batch.append(dest)
            if len(self.batch) >= self.BATCH:
                self._send()

    def _send(self) -> None:
        assert self.conn is not None
        self.conn.send(self.batch)
        self.batch = []

    def result(self) -> Scanned | None:
        """The child's scans (None without a child, or if it failed: `scan_all` reads all)."""
        if self.conn is None or self.process is None:
            return None
        try:
            self._send()
            self.conn.send(None)
            return self.conn.recv()
        except (EOFError, OSError):
            return None
        finally:
            self.conn.close()
            self.conn = None
            self.process.join()


def _scan_written(conn: Connection, site_dir: Path, parent: int) -> None:
    """In the child: a thread takes the names off the pipe at once (MkDocs never waits)."""
    die_with_parent(parent)
    names: queue.SimpleQueue[list[str] | None] = queue.SimpleQueue()

    def receive() -> None:
        with contextlib.suppress(EOFError, OSError):  # else the build stopped: nothing is asked
            while (batch := conn.recv()) is not None:
                names.put(batch)
        names.put(None)

    threading.Thread(target=receive, daemon=True).start()
    scanner = Scanner()
    pages: list[Packed] = []
    while (batch := names.get()) is not None:
        for dest in batch:
            try:
                text = (site_dir / dest).read_text(encoding="utf-8", errors="replace")
            except OSError:  # left to the gate, which reads (and reports) it itself
                continue
            pages.append(pack(scanner.page(dest, text)))
    with contextlib.suppress(OSError):
        conn.send((pages, packed_navs(scanner)))
    conn.close()
