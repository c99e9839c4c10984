"""Parsed front matter kept between runs, keyed by the content hash of each front-matter block.

Parsing YAML with line numbers is most of the cost of reading a document; the model validation
after it is cheap and always runs. The cache lives in `.cache/gongkai/` of the project, is safe to
delete, and is ignored when unreadable. Its file name carries a fingerprint of the parser's own
code and of PyYAML's version, so a change to either starts a fresh cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path
from typing import Any

import yaml

from gongkai import document
from gongkai.findings import Finding

CACHE_DIR = Path(".cache") / "gongkai"
RACY_NS = 2_000_000_000
Key = tuple[str, bytes]  # (repo-relative path, hash of the front-matter block)
Entry = tuple[dict[str, Any], dict[document.KeyPath, int], list[Finding]]
Seen = tuple[int, int, Key, int]  # (size, mtime_ns, key, body_line) of a file as last read


def _fingerprint() -> str:
    code = Path(document.__file__).read_bytes() + yaml.__version__.encode()
    return hashlib.blake2b(code, digest_size=8).hexdigest()


class ParseCache:
    """`(rel, block) → (raw, lines, findings)`; `save()` keeps only the entries used this run.

    It also remembers each file's size and modification time when it was last read: with
    `trust_stat`, a file whose size and time are unchanged is not even read; its parse is taken
    from the entry of the block it had then, and its text is read only if someone asks for it
    (`document.UnreadDocument`). `check FILE` uses this for the other documents of the site.
    """

    def __init__(self, root: Path, trust_stat: bool = False) -> None:
        self.dir = root / CACHE_DIR
        self.file = self.dir / f"front-matter-{_fingerprint()}.pickle"
        self.trust_stat = trust_stat
        self.old, self.old_seen = self._load()
        self.used: dict[Key, Entry] = {}
        self.seen: dict[str, Seen] = {}
        self.misses = 0

    def _load(self) -> tuple[dict[Key, Entry], dict[str, Seen]]:
        try:
            with self.file.open("rb") as f:
                entries, seen = pickle.load(f)
        except (
            OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            TypeError, ValueError,  # damaged, or a pickle of another shape: start afresh
        ):  # fmt: skip
            return {}, {}
        return entries, seen

    @staticmethod
    def key(rel: str, block: str) -> Key:
        return rel, hashlib.blake2b(block.encode(), digest_size=16).digest()

    def get(self, key: Key) -> Entry | None:
        entry = self.old.get(key)
        if entry is not None:
            self.used[key] = entry
        return entry

    def put(self, key: Key, entry: Entry) -> None:
        self.used[key] = entry
        self.misses += 1

    def unchanged(self, rel: str, stat: os.stat_result) -> tuple[Entry, int] | None:
        """The entry and body line of a file not touched since it was last read (`trust_stat`)."""
        seen = self.old_seen.get(rel)
        if not self.trust_stat or seen is None or seen[:2] != (stat.st_size, stat.st_mtime_ns):
            return None
        entry = self.get(seen[2])
        if entry is not None:
            self.seen[rel] = seen
        return None if entry is None else (entry, seen[3])

    def read(self, rel: str, stat: os.stat_result, key: Key, body_line: int) -> None:
        # A file written in the last seconds may be written again within the same clock tick
        # with the same size: like git, trust its time only once it is older than that.
        if time.time_ns() - stat.st_mtime_ns > RACY_NS:
            self.seen[rel] = (stat.st_size, stat.st_mtime_ns, key, body_line)

    def save(self) -> None:
        """Write the cache when it changed; a failure to write only costs the next run time."""
        if not self.misses and self.used.keys() == self.old.keys() and self.seen == self.old_seen:
            return
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            for stale in self.dir.glob("front-matter-*.pickle"):
                if stale != self.file:
                    stale.unlink(missing_ok=True)
            tmp = self.file.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump((self.used, self.seen), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.file)
        except OSError:
            pass
