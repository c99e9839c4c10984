"""A tiny real project in a temp dir: mkdocs.yml, gongkai.yml, content/ — built with real MkDocs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from gongkai.review.record import block_span, sealed_record

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-26"

GONGKAI_YML = """\
organisation: 吉林省监狱管理局
org_code: 013544XXX
units: [局本级, 长春监狱]
site:
  phone: 0431-00000000
reviewers:
  - {name: 李某, email: limou@example.gov.cn}
# A tiny test project leaves most columns empty: report that (GK505) without failing the build.
severity:
  GK505: warning
"""


def front_matter(**fields: object) -> dict[str, object]:
    """A valid published document's front matter, with `fields` replacing or adding keys."""
    base: dict[str, object] = {
        "title": "关于印发《某某管理办法》的通知",
        "index_no": "013544XXX/2021-00001",
        "type": "工作要点",
        "drafter": "法制处",
        "published": "2021-07-05",
        "disclosure": "主动公开",
        "review": {"reviewer": "李某", "date": "2021-07-05", "result": "同意公开"},
    }
    if "published" in fields and "review" not in fields:  # reviewed by then (GK025)
        base["review"] = {"reviewer": "李某", "date": fields["published"], "result": "同意公开"}
    base.update(fields)
    if base["type"] == "规范性文件":  # GK027: 发文字号 and 成文日期, unless a test says otherwise
        year, serial = str(base.get("index_no") or "X/2021-1").split("/")[1].split("-")
        dates = [base["published"], *dict(base.get("validity") or {}).values()]
        earliest = min(str(d) for d in dates if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(d)))
        base.setdefault("doc_no", f"吉狱发〔{year[:4]}〕{int(serial)}号")
        base.setdefault("written", earliest)
    return {k: v for k, v in base.items() if v is not None}


def sealed(text: str, path: Path) -> str:
    """The text with the digest `review approve` would add to its 同意公开 record.

    The record is written as a flow mapping on as many lines as the record had, so that the line
    numbers the tests assert stay what they were before records carried digests.
    """
    record = sealed_record(text, path)
    if record is None:
        return text
    lines = text.splitlines(keepends=True)
    start, stop = block_span(lines)
    items = [
        yaml.safe_dump({k: v}, allow_unicode=True, default_flow_style=True, width=1 << 20).strip()[
            1:-1
        ]
        for k, v in record.items()
    ]
    rows = [*items[: stop - start - 1], ", ".join(items[stop - start - 1 :])]
    block = "review: {" + ",\n  ".join(rows) + "}\n"
    return "".join([*lines[:start], block, *lines[stop:]])


def markdown(body: str = "正文。\n", **fields: object) -> str:
    meta = yaml.safe_dump(front_matter(**fields), allow_unicode=True, sort_keys=False)
    return f"---\n{meta}---\n\n{body}"


def pdf_with_text(*lines: str) -> bytes:
    """A minimal one-page PDF with ASCII text in Helvetica, built by hand (offsets computed)."""
    shown = " ".join(f"({line}) Tj 0 -20 Td" for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {shown} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


@dataclass
class Project:
    root: Path
    drafts: dict[Path, str] = field(default_factory=dict)  # documents as given, before sealing

    def write(self, src_uri: str, text: str | bytes) -> Path:
        path = self.root / "content" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        elif path.suffix == ".md":  # a reviewed document is written as reviewed: with its digest
            self.drafts[path] = text
            path.write_text(sealed(text, path), encoding="utf-8")
        else:
            path.write_text(text, encoding="utf-8")
        for draft, draft_text in self.drafts.items():  # ... of the files it uses, as written now
            if draft.parent == path.parent and draft != path:
                resealed = sealed(draft_text, draft)
                if draft.read_text(encoding="utf-8") != resealed:  # untouched files stay untouched
                    draft.write_text(resealed, encoding="utf-8")
        return path

    def doc(self, src_uri: str, body: str = "正文。\n", **fields: object) -> Path:
        return self.write(src_uri, markdown(body, **fields))

    def build(self, *args: str, today: str = TODAY) -> subprocess.CompletedProcess[str]:
        return run(["-m", "mkdocs", "build", *args], self.root, today)

    def check(self, *args: str, today: str = TODAY) -> subprocess.CompletedProcess[str]:
        return run(["-m", "gongkai", "check", *args], self.root, today)

    @property
    def site(self) -> Path:
        return self.root / "site"


def run(args: list[str], cwd: Path, today: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GONGKAI_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def new_project(root: Path, gongkai_yml: str = GONGKAI_YML) -> Project:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("hooks/gongkai_hooks.py", str(REPO / "hooks" / "gongkai_hooks.py"))
    config = config.replace(
        "custom_dir: theme_overrides", f"custom_dir: {REPO / 'theme_overrides'}"
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "gongkai.yml").write_text(gongkai_yml, encoding="utf-8")
    project = Project(root)
    project.write("index.md", "---\ntitle: 首页\n---\n\n# 首页\n")
    return project
