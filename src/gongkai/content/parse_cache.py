"""What one run leaves for the next, in `.cache/gongkai/` of the project (safe to delete).

- Parsed front matter, keyed by the content hash of each front-matter block: parsing YAML with
  line numbers is most of the cost of reading a document; the model validation after it is cheap
  and always runs.
- An index of each file's size and modification time when it was last read, and the findings of
  the site rules with the hash of everything they read (`site_key`): `check FILE` on a site whose
  other files are untouched takes the site findings from here instead of indexing 10,000
  documents again.

The files are plain JSON (never pickles: loading one runs no code), each row checked for
its shape and types as it is read, and signed with a key of this machine's user, kept outside the
project (`cache_key`): what the cache says can only be what this machine's own parse found, so an
edited, crafted or copied cache cannot change what is published. The file names and contents carry
a fingerprint of the code that wrote them, so a change to the code or to a library starts afresh.
A damaged, foreign or unreadable file is discarded with a one-line note and rebuilt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from gongkai.findings import Finding, Severity

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
FORMAT = "gongkai-cache/1"
KEY_FILE = Path("gongkai") / "cache-key"  # under $XDG_STATE_HOME, default ~/.local/state
KEY_BYTES = 32


def cache_key() -> bytes | None:
    """This user's key for signing the cache, made on first use; None when it cannot be kept.

    It lives outside the project, so that whoever can write the project's `.cache/` (a restored
    CI cache, a copied folder, a pull request) cannot sign what the next run would trust.
    """
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return _key_at(Path(state) / KEY_FILE)


@cache
def _key_at(path: Path) -> bytes | None:
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
            f.write(os.urandom(KEY_BYTES))
        try:
            os.link(tmp, path)  # the first of two runs starting at once wins; both read its key
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
        return _read_key(path)
    except OSError:
        return None


def _read_key(path: Path) -> bytes | None:
    key = path.read_bytes()
    return key if len(key) == KEY_BYTES else None  # not ours: leave it, run without a cache


def _mac(key: bytes, payload: bytes) -> bytes:
    return hashlib.blake2b(payload, key=key, digest_size=32).hexdigest().encode()


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


def _load(path: Path, decode: Callable[[Any], T], empty: T) -> T:
    """What `path` holds, decoded; `empty` when it is missing, damaged or foreign (noted)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return empty
    except OSError as e:
        _note(path, f"无法读取（{e.strerror}），已忽略并重建")
        return empty
    key = cache_key()
    if key is None:
        return empty  # no key to check it with: nothing is trusted, nothing is written
    mac, _, payload = data.partition(b"\n")
    try:
        body = json.loads(payload)
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            raise ValueError
        kind, _, fingerprint = path.stem.rpartition("-")
        if (body.get("kind"), body.get("fingerprint")) != (kind, fingerprint):
            raise ValueError
    except (ValueError, RecursionError):  # garbage, truncated, a pickle, JSON of another shape
        _note(path, "已损坏，已丢弃并重建")
        return empty
    if not hmac.compare_digest(mac, _mac(key, payload)):
        _note(path, "不是本机的 gongkai 写入的（或写入后被改动过），已丢弃并重建")
        return empty
    try:
        return decode(body["data"])
    except (AttributeError, KeyError, IndexError, TypeError, ValueError):
        _note(path, "内容与本版本不符，已丢弃并重建")
        return empty


def _note(path: Path, what: str) -> None:
    """One line for the editor: the cache only saves time, so it is rebuilt, never trusted."""
    shown = path.as_posix()
    if CACHE_DIR.as_posix() in shown:
        shown = shown[shown.index(CACHE_DIR.as_posix()) :]
    print(f"gongkai: 缓存文件 {shown} {what}（缓存只为加快检查，可随时删除）", file=sys.stderr)


class _NotPlain(Exception):
    """A value JSON cannot hold exactly (a set, bytes, a key that is not a string…)."""


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any, path: list[str | int], dates: list[list[Any]]) -> Any:
    """`value` as JSON; dates are left as None and listed in `dates` with their path.

    Scalars are taken in the loop, not in a call of their own: most values of a front matter are
    strings, and this runs for every document a cold run parses.
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        out: dict[str, Any] = {}
        for k, v in value.items():
            if type(k) is not str:
                raise _NotPlain
            out[k] = v if type(v) in _SCALARS else _plain(v, [*path, k], dates)
        return out
    if kind is list:
        return [
            v if type(v) in _SCALARS else _plain(v, [*path, i], dates) for i, v in enumerate(value)
        ]
    if kind is dt.datetime or kind is dt.date:
        dates.append([path, value.isoformat()])
        return None
    raise _NotPlain


def _dated(raw: Any, dates: Any) -> dict[str, Any]:
    """The front matter read back: each listed date put in its place, every path checked."""
    if type(raw) is not dict or type(dates) is not list:
        raise ValueError
    for path, iso in dates:
        *parents, last = path
        container = raw
        for step in parents:
            container = container[step]
        if container[last] is not None or type(iso) is not str or type(last) not in (str, int):
            raise ValueError
        container[last] = (dt.datetime if "T" in iso else dt.date).fromisoformat(iso)
    return raw


def _finding_row(f: Finding) -> list[Any]:
    return [f.path, f.line, f.column, f.rule, str(f.severity), f.message, f.fix]


def _finding(row: Any) -> Finding:
    path, line, column, rule_id, severity, message, fix = row
    if not (type(path) is str and type(line) is int and type(column) is int):
        raise ValueError
    if not (type(rule_id) is str and type(message) is str and (fix is None or type(fix) is str)):
        raise ValueError
    return Finding(path, line, column, rule_id, Severity(severity), message, fix)


def _lines(rows: Any) -> dict[tuple[str | int, ...], int]:
    """[*key path, line] rows back into the line map, their types checked in bulk (it is hot)."""
    if {type(row) for row in rows} - {list}:
        raise ValueError
    out = {tuple(row[:-1]): row[-1] for row in rows}
    if () in out or {type(v) for v in out.values()} - {int}:
        raise ValueError
    if {type(step) for key in out for step in key} - {str, int}:
        raise ValueError
    return out


def _encode_entries(entries: dict[Key, Entry]) -> list[list[Any]]:
    rows = []
    for (rel, block), (raw, lines, found) in entries.items():
        dates: list[list[Any]] = []
        try:
            plain = _plain(raw, [], dates)
        except (_NotPlain, RecursionError):
            continue  # parsed afresh each run: rare, and exact beats fast
        line_rows = [[*k, v] for k, v in lines.items()]
        rows.append([rel, block.hex(), plain, dates, line_rows, [_finding_row(f) for f in found]])
    return rows


def _decode_entries(rows: Any) -> dict[Key, Entry]:
    out: dict[Key, Entry] = {}
    for rel, block, raw, dates, lines, found in rows:
        if type(rel) is not str:
            raise ValueError
        out[(rel, bytes.fromhex(block))] = (
            _dated(raw, dates),
            _lines(lines),
            [_finding(f) for f in found],
        )
    return out


def _encode_index(seen: dict[str, Seen], snapshot: Snapshot | None) -> dict[str, Any]:
    return {
        "seen": {
            rel: [size, mtime, key[0], key[1].hex(), body_line]
            for rel, (size, mtime, key, body_line) in seen.items()
        },
        "snapshot": None
        if snapshot is None
        else [
            snapshot[0].hex(),
            [_finding_row(f) for f in snapshot[1]],
            [list(d) for d in snapshot[2]],
        ],
    }


def _decode_index(data: Any) -> tuple[dict[str, Seen], Snapshot | None]:
    seen: dict[str, Seen] = {}
    for rel, (size, mtime, key_rel, block, body_line) in data["seen"].items():
        if not (type(size) is int and type(mtime) is int and type(body_line) is int):
            raise ValueError
        if type(key_rel) is not str:
            raise ValueError
        seen[rel] = (size, mtime, (key_rel, bytes.fromhex(block)), body_line)
    if data["snapshot"] is None:
        return seen, None
    key, found, directory = data["snapshot"]
    rows = []
    for src_uri, url, index_no in directory:
        if type(src_uri) is not str or type(url) is not str:
            raise ValueError
        if index_no is not None and type(index_no) is not str:
            raise ValueError
        rows.append((src_uri, url, index_no))
    return seen, (bytes.fromhex(key), [_finding(f) for f in found], rows)


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
        self.file = self.dir / f"front-matter-{fingerprint}.json"
        self.index_file = self.dir / f"index-{fingerprint}.json"
        self.trust_stat = trust_stat
        self._old: dict[Key, Entry] | None = None
        self.old_seen: dict[str, Seen]
        self.old_snapshot: Snapshot | None
        self.old_seen, self.old_snapshot = _load(self.index_file, _decode_index, ({}, None))
        self.snapshot = self.old_snapshot
        self.used: dict[Key, Entry] = {}
        self.seen: dict[str, Seen] = {}
        self.misses = 0

    @property
    def old(self) -> dict[Key, Entry]:
        if self._old is None:
            self._old = _load(self.file, _decode_entries, {})
        return self._old

    def get(self, key: Key) -> Entry | None:
        """The entry of an earlier run, or one `put` in this run (by a worker that parsed it)."""
        entry = self.used.get(key)
        if entry is None and (entry := self.old.get(key)) is not None:
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
                for stale in self.dir.iterdir():  # older code's files, pickles of old
                    if stale not in (self.file, self.index_file) and stale.is_file():
                        stale.unlink(missing_ok=True)
            if entries:
                _dump(self.file, _encode_entries(self.used))
            if index:
                _dump(self.index_file, _encode_index(self.seen, self.snapshot))
        except OSError:
            pass


def _dump(path: Path, data: object) -> None:
    """Signed JSON: the key's MAC of the payload on the first line, the payload after it."""
    key = cache_key()
    if key is None:
        return
    kind, _, fingerprint = path.stem.rpartition("-")
    body = {"format": FORMAT, "kind": kind, "fingerprint": fingerprint, "data": data}
    payload = json.dumps(body, separators=(",", ":")).encode("ascii")
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(_mac(key, payload) + b"\n" + payload)
    os.replace(tmp, path)
