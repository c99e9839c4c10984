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
from pathlib import Path
from typing import Any

import yaml

from gongkai import document
from gongkai.findings import Finding

CACHE_DIR = Path(".cache") / "gongkai"
Entry = tuple[dict[str, Any], dict[document.KeyPath, int], list[Finding]]


def _fingerprint() -> str:
    code = Path(document.__file__).read_bytes() + yaml.__version__.encode()
    return hashlib.blake2b(code, digest_size=8).hexdigest()


class ParseCache:
    """`(rel, block) → (raw, lines, findings)`; `save()` keeps only the entries used this run."""

    def __init__(self, root: Path) -> None:
        self.dir = root / CACHE_DIR
        self.file = self.dir / f"front-matter-{_fingerprint()}.pickle"
        self.old = self._load()
        self.used: dict[tuple[str, bytes], Entry] = {}
        self.misses = 0

    def _load(self) -> dict[tuple[str, bytes], Entry]:
        try:
            with self.file.open("rb") as f:
                entries = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return {}
        return entries if isinstance(entries, dict) else {}

    @staticmethod
    def key(rel: str, block: str) -> tuple[str, bytes]:
        return rel, hashlib.blake2b(block.encode(), digest_size=16).digest()

    def get(self, key: tuple[str, bytes]) -> Entry | None:
        entry = self.old.get(key)
        if entry is not None:
            self.used[key] = entry
        return entry

    def put(self, key: tuple[str, bytes], entry: Entry) -> None:
        self.used[key] = entry
        self.misses += 1

    def save(self) -> None:
        """Write the cache when it changed; a failure to write only costs the next run time."""
        if not self.misses and len(self.used) == len(self.old):
            return
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            for stale in self.dir.glob("front-matter-*.pickle"):
                if stale != self.file:
                    stale.unlink(missing_ok=True)
            tmp = self.file.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump(self.used, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.file)
        except OSError:
            pass
