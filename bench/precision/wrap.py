"""Real texts wrapped as documents of a throw-away project, so that only their bodies can raise.

Each text of the corpus becomes `content/ghjh/t<n>.md`: a valid, reviewed, published front matter
(索引号 013544XXX/2021-<n>, 同意公开 by a listed reviewer, with the digest of the text) followed by
the file exactly as it is. `Wrapped` maps a
finding's line in the document back to the line of the corpus file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from gongkai.review.record import with_digest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "lawrefbook"
TODAY = "2026-11-26"
GONGKAI_YML = """\
organisation: 吉林省监狱管理局
org_code: 013544XXX
units: [局本级]
reviewers: [{name: 李某, email: limou@example.gov.cn}]
site:
  phone: 0431-00000000
severity:
  GK505: warning
"""


# 发布机构 by the corpus folder: these texts are other organs' enacted texts, reproduced.
PUBLISHERS = {
    "行政法规": "国务院",
    "司法解释": "最高人民法院",
    "部门规章": "国务院有关部门",
}


def publisher(source: str) -> str:
    return PUBLISHERS.get(source.split("/")[0], "全国人民代表大会常务委员会")


def front_matter(n: int, source: str | None = None) -> str:
    meta = {
        "title": "国家法律法规文本",
        **({"publisher": publisher(source)} if source else {}),
        "index_no": f"013544XXX/2021-{n:05d}",
        "type": "工作要点",
        "drafter": "法制处",
        "published": "2021-07-05",
        "disclosure": "主动公开",
        "review": {"reviewer": "李某", "date": "2021-07-05", "result": "同意公开"},
    }
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"


@dataclass(frozen=True)
class Wrapped:
    rel: str  # content/ghjh/t00001.md
    source: str  # the corpus file, relative to CORPUS
    offset: int  # document line − corpus line
    chars: int


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.md") if p.name != "_index.md")


def write_project(root: Path, texts: list[tuple[str, str]]) -> list[Wrapped]:
    """Write `texts` ((source name, text) pairs) as documents of a new project at `root`."""
    (root / "gongkai.yml").write_text(GONGKAI_YML, encoding="utf-8")
    folder = root / "content" / "ghjh"
    folder.mkdir(parents=True)
    (root / "content" / "index.md").write_text("---\ntitle: 首页\n---\n\n# 首页\n", "utf-8")
    out = []
    for n, (source, text) in enumerate(texts, start=1):
        head = front_matter(n, source)
        path = folder / f"t{n:05d}.md"
        written = with_digest(head + text, path)
        assert written.endswith(text)  # the review record is in the front matter only
        path.write_text(written, encoding="utf-8")
        offset = written[: len(written) - len(text)].count("\n")
        out.append(Wrapped(f"content/ghjh/t{n:05d}.md", source, offset, len(text)))
    return out


def corpus_texts() -> list[tuple[str, str]]:
    return [(str(p.relative_to(CORPUS)), p.read_text(encoding="utf-8")) for p in corpus_files()]
