"""What one run leaves for the next, in `.cache/gongkai/` of the project (safe to delete).

- Parsed front matter, keyed by the content hash of each front-matter block: parsing YAML with
  line numbers is most of the cost of reading a document; the model validation after it is cheap
  and always runs.
- An index of each file's size and modification time when it was last read, and the findings of
  the site rules with the hash of everything they read (`site_key`): `check FILE` on a site whose
  other files are untouched takes the site findings from here instead of indexing 10,000
  documents again.

The file names carry a fingerprint of the code that wrote them, so a change to the code or to a
library starts afresh; an unreadable file is ignored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from gongkai.findings import Finding

CACHE_DIR = Path(".cache") / "gongkai"
RACY_NS = 2_000_000_000
PACKAGE = Path(__file__).parent.parent  # the gongkai package
LIBRARIES = ("PyYAML", "pydantic", "chinesecalendar")
Key = tuple[str, bytes]  # (repo-relative path, hash of the front-matter block)
Entry = tuple[dict[str, Any], dict[tuple[str | int, ...], int], list[Finding]]  # raw, lines, found
Seen = tuple[int, int, Key, int]  # (size, mtime_ns, key, body_line) of a file as last read
# (site_key, the findings of the site rules, every document's src_uri, URL and 索引号)
Snapshot = tuple[bytes, list[Finding], list[tuple[str, str, str | None]]]
T = TypeVar("T")


def _fingerprint() -> str:
    """Of the package's code and data and of the libraries it parses and validates with."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in {".py", ".yml"}:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + path.read_bytes())
    for name in LIBRARIES:
        digest.update(f"{name} {metadata.version(name)}".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def site_key(today: dt.date, inputs: Iterable[Path], blocks: Iterable[Key]) -> bytes:
    """The hash of all the site rules depend on: today, their inputs, each document's front matter.

    Site rules read the front matter of every document, never the body (the text rules are
    document rules), so a document whose body alone changed leaves the site findings as they were.
    `inputs` are the other files they read (`gongkai.engine.site_inputs`).
    """
    digest = hashlib.blake2b(str(today).encode(), digest_size=16)
    for path in inputs:
        digest.update(path.as_posix().encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    for rel, block in sorted(blocks):
        digest.update(rel.encode() + b"\0" + block)
    return digest.digest()


def _load(path: Path, empty: T) -> T:
    try:
        with path.open("rb") as f:
            return pickle.load(f)  # type: ignore[no-any-return]
    except (
        OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
        TypeError, ValueError,  # damaged, or a pickle of another shape: start afresh
    ):  # fmt: skip
        return empty


class ParseCache:
    """`(rel, block) → (raw, lines, findings)`; `save()` keeps only the entries used this run.

    It also remembers each file's size and modification time when it was last read: with
    `trust_stat`, a file whose size and time are unchanged is not even read; its parse is taken
    from the entry of the block it had then, and its text is read only if someone asks for it
    (`document.UnreadDocument`). `check FILE` uses this for the other documents of the site.
    The parsed entries are loaded on first use: a `check FILE` answered from the snapshot of the
    site findings never needs them.
    """

    def __init__(self, root: Path, trust_stat: bool = False) -> None:
        self.dir = root / CACHE_DIR
        fingerprint = _fingerprint()
        self.file = self.dir / f"front-matter-{fingerprint}.pickle"
        self.index_file = self.dir / f"index-{fingerprint}.pickle"
        self.trust_stat = trust_stat
        self._old: dict[Key, Entry] | None = None
        self.old_seen: dict[str, Seen]
        self.old_snapshot: Snapshot | None
        self.old_seen, self.old_snapshot = _load(self.index_file, ({}, None))
        self.snapshot = self.old_snapshot
        self.used: dict[Key, Entry] = {}
        self.seen: dict[str, Seen] = {}
        self.misses = 0

    @property
    def old(self) -> dict[Key, Entry]:
        if self._old is None:
            self._old = _load(self.file, {})
        return self._old

    def get(self, key: Key) -> Entry | None:
        entry = self.old.get(key)
        if entry is not None:
            self.used[key] = entry
        return entry

    def put(self, key: Key, entry: Entry) -> None:
        self.used[key] = entry
        self.misses += 1

    def seen_block(self, rel: str, stat: os.stat_result) -> Seen | None:
        """What was seen of a file not touched since it was last read (`trust_stat`)."""
        seen = self.old_seen.get(rel)
        if not self.trust_stat or seen is None or seen[:2] != (stat.st_size, stat.st_mtime_ns):
            return None
        return seen

    def unchanged(self, rel: str, stat: os.stat_result) -> tuple[Entry, Key, int] | None:
        """The entry, key and body line of a file not touched since it was last read."""
        seen = self.seen_block(rel, stat)
        entry = None if seen is None else self.get(seen[2])
        if seen is None or entry is None:
            return None
        self.seen[rel] = seen
        return entry, seen[2], seen[3]

    def read(self, rel: str, stat: os.stat_result, key: Key, body_line: int) -> None:
        # A file written in the last seconds may be written again within the same clock tick
        # with the same size: like git, trust its time only once it is older than that.
        if time.time_ns() - stat.st_mtime_ns > RACY_NS:
            self.seen[rel] = (stat.st_size, stat.st_mtime_ns, key, body_line)

    def save(self) -> None:
        """Write what changed; a failure to write only costs the next run time."""
        entries = self._old is not None and (self.misses or self.used.keys() != self._old.keys())
        index = self.seen != self.old_seen or self.snapshot != self.old_snapshot
        try:
            if entries or index:
                self.dir.mkdir(parents=True, exist_ok=True)
                for stale in self.dir.glob("*.pickle"):
                    if stale not in (self.file, self.index_file):
                        stale.unlink(missing_ok=True)
            if entries:
                _dump(self.file, self.used)
            if index:
                _dump(self.index_file, (self.seen, self.snapshot))
        except OSError:
            pass


def _dump(path: Path, data: object) -> None:
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as f:
        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
