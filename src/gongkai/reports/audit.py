"""`python -m gongkai report audit`: a self-inspection scorecard modelled on the single-veto
items (单项否决指标) of 国办秘函〔2019〕19号, for CI. It is printed, never published.

Every item counts findings of the ordinary checker (and, with `--site`, of the link gate run on
a built site), so the scorecard and `check` never disagree.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from gongkai import engine
from gongkai.config.settings import ConfigError, find_root
from gongkai.content.site import Site
from gongkai.findings import Finding, Severity
from gongkai.links import written
from gongkai.pages import generated
from gongkai.rules import catalog

EXIT_OK, EXIT_VETO = 0, 1
PASS, VETO, DEDUCT, UNCHECKED = "通过", "单项否决", "扣分", "未检查"
GATE_RULES = {"GK201", "GK202", "GK203", "GK204"}  # withheld, not leaked


@dataclass(frozen=True)
class Item:
    """One line of the scorecard: the findings of the rules `ids` selects (and `pick` keeps),
    judged against `limit`. Unchecked when no registered rule is selected."""

    name: str
    criterion: str
    ids: Callable[[str], bool]
    limit: int | None  # vetoed at this many; None: every finding only loses points
    pick: Callable[[Finding, Site], bool] = lambda f, s: True


def _short_cycle(f: Finding, site: Site) -> bool:
    """A GK506 finding of a 动态 or 通知公告/政策文件 class column (update within 183 days)."""
    segment = f.path.removeprefix(site.ctx.config.docs_dir + "/").rstrip("/")
    column = site.ctx.config.column_by_segment(segment)
    return column is not None and column.update_days is not None and column.update_days <= 183


def _wording(rule_id: str) -> bool:
    return rule_id.startswith("GK3") and not rule_id.startswith("GK39")  # GK39x: media


def _secrecy(rule_id: str) -> bool:
    return rule_id.startswith("GK2") and rule_id not in GATE_RULES


ITEMS = (
    Item(
        "动态、通知公告和政策文件类栏目不更新",
        "动态类栏目2周、通知公告和政策文件类栏目6个月无更新，累计5个及以上即单项否决",
        lambda r: r == "GK506",
        5,
        _short_cycle,
    ),
    Item(
        "应更新栏目长期未更新",
        "应更新但长期未更新的栏目10个及以上即单项否决",
        lambda r: r == "GK506",
        10,
    ),
    Item("空白栏目", "空白栏目5个及以上即单项否决", lambda r: r == "GK505", 5),
    Item("互动回应", "网民留言超过3个月未答复即单项否决", lambda r: r == "GK530", 1),
    Item(
        "严重表述错误",
        "出现严重错别字、错误表述（如领导人姓名错误）即单项否决",
        _wording,
        1,
        lambda f, s: f.severity is Severity.ERROR,
    ),
    Item(
        "泄露国家秘密和敏感信息",
        "出现涉密标识、身份证号等敏感信息即单项否决",
        _secrecy,
        1,
    ),
    Item(
        "链接可用性",
        "出现不可用链接（死链、错链）的扣分；目标为零",
        lambda r: r.startswith("GK4"),
        None,
        lambda f, s: f.severity is not Severity.INFO,
    ),
    Item(
        "法定公开内容完整",
        "财政预决算、政府采购、招投标、意见征集缺项或逾期的扣分",
        lambda r: r in {"GK507", "GK511", "GK512", "GK523"},
        None,
    ),
    Item(
        "示例内容",
        "示例文档和示例信息（电话、备案号、索引号前段码）上线前应删除或改为真实信息，否则扣分",
        lambda r: r in {"GK541", "GK542"},
        None,
    ),
)


@dataclass
class Line:
    name: str
    criterion: str
    count: int
    result: str
    findings: list[str] = field(default_factory=list)


@dataclass
class Scorecard:
    today: str
    result: str
    lines: list[Line]
    site_dir: str | None


def _judge(item: Item, found: list[Finding], site: Site, known: set[str]) -> Line:
    if not any(item.ids(r) for r in known):
        return Line(item.name, item.criterion, 0, UNCHECKED)
    hits = [f for f in found if item.ids(f.rule) and item.pick(f, site)]
    if item.limit is not None and len(hits) >= item.limit:
        result = VETO
    elif hits and item.limit is None:
        result = DEDUCT
    else:
        result = PASS
    return Line(item.name, item.criterion, len(hits), result, [f.text() for f in hits])


def link_gate(site: Site, site_dir: Path) -> list[Finding]:
    """The link gate's findings on a built site (only the link steps: nothing is rewritten)."""
    from gongkai.pages import post_build_steps

    steps = [s for s in post_build_steps() if s.__module__.startswith("gongkai.links")]
    return [f for step in steps for f in step(site, site_dir)]


def scorecard(site: Site, site_dir: Path | None = None) -> Scorecard:
    found = list(site.findings)
    if site_dir is not None:
        found += link_gate(site, site_dir)
    known = set(catalog.load_all())
    lines = [_judge(item, found, site, known) for item in ITEMS]
    result = VETO if any(line.result == VETO for line in lines) else PASS
    return Scorecard(site.ctx.today.isoformat(), result, lines, str(site_dir) if site_dir else None)


def as_text(card: Scorecard) -> str:
    out = [f"网站自查（国办秘函〔2019〕19号 单项否决指标），检查日 {card.today}：{card.result}"]
    if card.site_dir is None:
        out.append("（未指定 --site，链接可用性只含文档检查，不含已构建网站的链接检查）")
    for line in card.lines:
        out.append(f"[{line.result}] {line.name}：{line.count} 项（{line.criterion}）")
        out += [f"    {text}" for text in line.findings]
    return "\n".join(out) + "\n"


def as_markdown(card: Scorecard) -> str:
    out = [
        "# 网站自查记分卡",
        "",
        f"检查日 {card.today}，结论：**{card.result}**（依据国办秘函〔2019〕19号 单项否决指标）",
        "",
        "| 指标 | 判定标准 | 数量 | 结果 |",
        "|---|---|---|---|",
    ]
    out += [f"| {x.name} | {x.criterion} | {x.count} | {x.result} |" for x in card.lines]
    for line in card.lines:
        if line.findings:
            out += ["", f"## {line.name}", ""] + [f"- `{t}`" for t in line.findings]
    return "\n".join(out) + "\n"


def as_json(card: Scorecard) -> str:
    data: dict[str, Any] = asdict(card)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _run(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root))
    site_dir = Path(args.site) if args.site else None
    if site_dir is not None and not (site_dir / "index.html").is_file():
        raise ConfigError(f"{site_dir}: 不是已构建的网站（没有 index.html）：请先运行 mkdocs build")
    site = engine.run(root)
    card = scorecard(written.add(site, generated(site.ctx.config)), site_dir)
    render = {"text": as_text, "json": as_json, "markdown": as_markdown}[args.format]
    sys.stdout.write(render(card))
    return EXIT_VETO if card.result == VETO else EXIT_OK


def add_parser(reports: Any) -> None:
    audit = reports.add_parser(
        "audit", help="网站自查记分卡（国办秘函〔2019〕19号 单项否决指标），不在网站发布"
    )
    audit.add_argument("root", nargs="?", default=".", help="项目目录（默认当前目录）")
    audit.add_argument("--site", help="已构建的网站目录（如 site/），用于读取链接检查结果")
    audit.add_argument(
        "--format",
        choices=["text", "json", "markdown"],
        default="text",
        help="输出格式：text 每项一行（默认），json 供程序读取，markdown 供 CI 作为附件",
    )
    audit.set_defaults(func=_run)
