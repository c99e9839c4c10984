"""`python -m gongkai new --ledger YEAR`: a year's 依申请公开 ledger and its report texts, from the
templates in `gongkai/data/templates/`.

The ledger starts with the requests of last year's ledger still open on 31 December (kept with
their ids and dates, so that 上年结转 reconciles, GK076); the report texts start with the national
format's opening and the three sections the editor writes (一、五、六), each only a comment until
written, so `report annual` refuses to generate from them.
"""

from __future__ import annotations

import datetime as dt
import sys
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import yaml

from gongkai.config.settings import ConfigError, invocation, load_config
from gongkai.ledger.records import ledger_path


def _template(name: str) -> Template:
    return Template(resources.files("gongkai.data").joinpath("templates", name).read_text("utf-8"))


def _open_at_year_end(previous: Path, year: int) -> list[dict[str, Any]]:
    """Last year's requests not answered by 31 December, as written there."""
    if not previous.is_file():
        return []
    data = yaml.safe_load(previous.read_text(encoding="utf-8")) or {}
    new_year = dt.date(year, 1, 1)
    return [
        r
        for r in data.get("requests") or []
        if isinstance(r, dict)
        and (not isinstance(r.get("replied"), dt.date) or r["replied"] >= new_year)
    ]


def _carried(requests: list[dict[str, Any]]) -> str:
    if not requests:
        return " []"
    dumped = yaml.safe_dump(requests, allow_unicode=True, sort_keys=False)
    return "\n" + "".join(f"  {line}\n" for line in dumped.splitlines())


def write(root: Path, year: int) -> list[Path]:
    """Write ledger/YEAR.yml and ledger/YEAR-nb.md; refuse to overwrite either."""
    config = load_config(root)
    ledger, texts = ledger_path(root, year), ledger_path(root, year).with_name(f"{year}-nb.md")
    for path in (ledger, texts):
        if path.exists():
            raise ConfigError(f"{path.relative_to(root)} 已存在：请打开它继续填写")
    facts = {
        "organisation": config.organisation,
        "org_code": config.org_code,
        "year": year,
        "next_year": year + 1,
        "command": invocation(root),
        "carried": _carried(_open_at_year_end(ledger_path(root, year - 1), year)),
    }
    ledger.parent.mkdir(parents=True, exist_ok=True)
    ledger.write_text(_template("ledger.yml").substitute(facts), encoding="utf-8")
    texts.write_text(_template("nb.md").substitute(facts), encoding="utf-8")
    return [ledger, texts]


def run(root: Path, year: int) -> int:
    paths = [p.relative_to(root).as_posix() for p in write(root, year)]
    print("\n".join(paths))
    print(
        f"已新建 {'、'.join(paths)}：每收到一件申请在 {paths[0]} 的 requests 下记一项；"
        f"年底在 {paths[1]} 写好标有“必填”的字段和三段文字，"
        f"再运行 {invocation(Path.cwd())} report annual --year {year}",
        file=sys.stderr,
    )
    return 0
