"""Deterministic synthetic corpus: realistic 公文-style documents for every column, at any size.

    python bench/gen_corpus.py OUT_DIR --docs 1000 [--seed 1] [--layout columns|years]

`columns` writes a gongkai project (content/<column>/<file>.md, our mkdocs.yml and gongkai.yml);
`years` writes the same documents for a plain mkdocs-material build tuned as well as it goes
(content/<column>/<year>/<file>.md, navigation.prune) — the baseline the benchmark compares with.
Every document has valid front matter, headings with Chinese anchors, a table, internal links to
other documents and anchors, and some have attachments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import posixpath
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from pymdownx.slugs import slugify  # noqa: E402

from gongkai.config.settings import load_columns  # noqa: E402
from gongkai.review.record import with_digest  # noqa: E402

SLUG = slugify(case="lower")

ORG = "013544XXX"
UNITS = ["局本级", "吉林监狱", "长春监狱", "四平监狱"]
DRAFTERS = ["法制处", "办公室", "计划财务处", "狱政管理处", "刑罚执行处", "宣传教育处", "信息中心"]
TOPICS = ["政务公开", "狱务公开", "财政", "政府采购", "人事", "法制"]
SUBJECTS = [
    "罪犯亲属会见",
    "监狱安全生产",
    "狱务公开",
    "罪犯教育改造",
    "监狱医疗卫生",
    "政府信息公开",
    "执法监督",
    "财政资金管理",
    "政府采购",
    "干部教育培训",
    "监狱信息化建设",
    "罪犯劳动改造",
]
VERBS = ["进一步加强", "切实做好", "认真落实", "持续推进", "规范做好", "不断完善", "严格执行"]
OBJECTS = [
    "工作机制",
    "制度建设",
    "监督检查",
    "信息公开",
    "责任落实",
    "风险防控",
    "队伍建设",
    "考核评价",
    "档案管理",
    "内部管理",
]
TAILS = [
    "确保各项工作落到实处",
    "推动工作规范化、制度化",
    "切实保障人民群众的知情权",
    "不断提升工作质量和水平",
    "做到依法依规、公开透明",
]
NUMERALS = "一二三四五六七八九十"


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:  # write dates out, never &id001/*id001
        return True


@dataclass
class Doc:
    n: int
    segment: str
    type: str
    year: int
    published: dt.date
    index_no: str
    fields: dict[str, object]


def columns() -> list:
    text = (REPO / "src/gongkai/data/columns.yml").read_text(encoding="utf-8")
    return list(load_columns(yaml.safe_load(text))[0])


def sentence(rng: random.Random, subject: str) -> str:
    return (
        f"{rng.choice(VERBS)}{subject}{rng.choice(OBJECTS)}，"
        f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{rng.choice(TAILS)}。"
    )


def plan(count: int, rng: random.Random) -> list[Doc]:
    cols = columns()
    weights = [8 if c.segment in ("gfxwj", "ywgk", "zfcg") else 2 for c in cols]
    serial: dict[int, int] = {}
    docs = []
    for n in range(count):
        col = cols[n] if n < len(cols) else rng.choices(cols, weights)[0]  # no column empty
        year = rng.randint(2016, 2025)
        serial[year] = serial.get(year, 0) + 1
        published = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        docs.append(
            Doc(
                n,
                col.segment,
                rng.choice([t for t in col.types if t != "采纳情况"]),
                year,
                published,
                f"{ORG}/{year}-{serial[year]:05d}",
                {},
            )
        )
    for doc in docs:
        doc.fields = extra_fields(doc, docs, rng)
    return docs


def extra_fields(doc: Doc, docs: list[Doc], rng: random.Random) -> dict[str, object]:
    f: dict[str, object] = {}
    if doc.type == "规范性文件":
        f["validity"] = {
            "effective": doc.published,
            "expires": doc.published.replace(year=doc.year + 5),
        }
    elif doc.segment == "czyjs":
        f.update(unit=rng.choice(UNITS), year=doc.year, kind=rng.choice(["预算", "决算"]))
    elif doc.segment == "zfcg":
        stage = rng.choice(["采购意向", "采购公告", "采购结果"])
        f.update(
            project=f"JLJY-CG-{doc.year}-{doc.n:05d}",
            stage=stage,
            budget=rng.randint(1, 500) * 10000,
        )
    elif doc.segment == "ztb":
        f.update(project=f"JLJY-ZB-{doc.year}-{doc.n:05d}", stage="招标公告")
    elif doc.segment == "zcjd":
        targets = [d for d in docs if d.type == "规范性文件"]
        f["interprets"] = rng.choice(targets).index_no if targets else None
    elif doc.type == "意见征集":
        f.update(opens=doc.published, closes=doc.published + dt.timedelta(days=30))
    elif doc.segment == "hygq":
        f.update(received=doc.published - dt.timedelta(days=5), replied=doc.published)
    return {k: v for k, v in f.items() if v is not None}


def path_of(doc: Doc, layout: str) -> str:
    name = f"{doc.year}-{doc.n:05d}.md"
    if layout == "years":
        return f"{doc.segment}/{doc.year}/{name}"
    return f"{doc.segment}/{name}"


def render(doc: Doc, docs: list[Doc], layout: str, rng: random.Random) -> tuple[str, list[str]]:
    subject = rng.choice(SUBJECTS)
    title = f"吉林省监狱管理局关于{rng.choice(VERBS)}{subject}工作的通知"
    meta: dict[str, object] = {
        "title": title,
        "index_no": doc.index_no,
        "type": doc.type,
        "drafter": rng.choice(DRAFTERS),
        "doc_no": f"吉狱发〔{doc.year}〕{doc.n + 1}号",
        "written": doc.published,
        "published": doc.published,
        "topic": rng.choice(TOPICS),
        "keywords": [subject, rng.choice(OBJECTS)],
        "disclosure": "主动公开",
        "review": {"reviewer": "李某", "date": doc.published, "result": "同意公开"},
        **doc.fields,
    }
    attachments = []
    if doc.n % 10 == 0:
        attachments = [f"{doc.year}-{doc.n:05d}-fj1.csv"]
        meta["attachments"] = [{"file": attachments[0], "title": "附件1 统计表"}]
    here = posixpath.dirname(path_of(doc, layout))
    lines = ["各监狱、局直属各单位：", "", sentence(rng, subject) + sentence(rng, subject), ""]
    headings = [
        f"{NUMERALS[i]}、{rng.choice(VERBS)}{subject}{rng.choice(OBJECTS)}"
        for i in range(rng.randint(3, 5))
    ]
    for heading in headings:
        lines += [f"## {heading}", ""]
        for _ in range(rng.randint(1, 3)):
            lines += ["".join(sentence(rng, subject) for _ in range(rng.randint(2, 4))), ""]
    other = docs[rng.randrange(len(docs))]
    link = posixpath.relpath(path_of(other, layout), here)
    lines += [f"参见[相关文件]({link})和本文[第一部分](#{SLUG(headings[0], '-')})。", ""]
    lines += ["| 项目 | 数量 | 备注 |", "|---|---|---|"]
    lines += [f"| {rng.choice(OBJECTS)} | {rng.randint(1, 900)} | 无 |" for _ in range(4)]
    lines += [
        "",
        "吉林省监狱管理局",
        "",
        f"{doc.published.year}年{doc.published.month}月{doc.published.day}日",
        "",
    ]
    head = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    return f"---\n{head}---\n\n" + "\n".join(lines), attachments


def plain_mkdocs_yml() -> str:
    return """\
site_name: 基线站点
docs_dir: content
theme:
  name: material
  language: zh
  font: false
  features: [navigation.prune, navigation.indexes]
plugins:
  - search:
      lang: zh
markdown_extensions:
  - tables
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds: {case: lower}
"""


def write_project(out: Path, count: int, seed: int, layout: str) -> None:
    rng = random.Random(seed)
    docs = plan(count, rng)
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    for doc in docs:
        text, attachments = render(doc, docs, layout, rng)
        path = content / path_of(doc, layout)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        for name in attachments:
            (path.parent / name).write_text("项目,数量\n会见,120\n", encoding="utf-8")
        if layout == "columns":  # reviewed, as `review approve` writes it
            path.write_text(with_digest(text, path), encoding="utf-8")
    (content / "index.md").write_text(
        "---\ntitle: 首页\n---\n\n# 政府信息公开专栏\n", encoding="utf-8"
    )
    if layout == "years":
        (out / "mkdocs.yml").write_text(plain_mkdocs_yml(), encoding="utf-8")
        return
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("hooks/gongkai_hooks.py", str(REPO / "hooks/gongkai_hooks.py"))
    config = config.replace(
        "custom_dir: theme_overrides", f"custom_dir: {REPO / 'theme_overrides'}"
    )
    (out / "mkdocs.yml").write_text(config, encoding="utf-8")
    (out / "gongkai.yml").write_text(
        f"organisation: 吉林省监狱管理局\norg_code: {ORG}\nunits: [{', '.join(UNITS)}]\n"
        "reviewers: [{name: 李某, email: limou@example.gov.cn}]\n",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--layout", choices=["columns", "years"], default="columns")
    args = parser.parse_args()
    write_project(args.out, args.docs, args.seed, args.layout)


if __name__ == "__main__":
    main()
