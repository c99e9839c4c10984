"""信息处理费 (国办函〔2020〕109号): one engine, tiers as data (`data/fees.yml`).

Both methods are progressive: each tier's rate applies only to the units that fall in it. The fee
is summed tier by tier from each tier's overlap with the units charged, arithmetically (a million
件 cost as little time as ten), up to `MAX_UNITS`. 按件计收 counts per applicant over one calendar
month, so a charge for a new request is the fee of the units `before + 1 … before + quantity`. Amounts are `Decimal` yuan; the browser calculator (fee.js) reads
the same data, emitted as JSON by `tiers_json()`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from gongkai.config.settings import ConfigError

PIECES, PAGES = "按件", "按量"


@dataclass(frozen=True)
class Tier:
    start: int
    end: int | None  # None: open-ended
    rate: Decimal
    band: int | None = None  # in the open tier, the rate rises by `step` every `band` units
    step: Decimal = Decimal(0)


@dataclass(frozen=True)
class Line:
    """Units `first`…`last` of one tier at `rate` (the rate of the first unit); `amount`, their fee.

    `rise` is set on a line that sums a run of bands of the open tier: (band, step, the rate of
    the last unit), the rate rising by `step` every `band` units.
    """

    first: int
    last: int
    rate: Decimal
    amount: Decimal
    rise: tuple[int, Decimal, Decimal] | None = None

    @property
    def count(self) -> int:
        return self.last - self.first + 1


SHOWN_BANDS = 5  # bands of the open tier listed one by one; more are summed on one line


def _risen(n: int, band: int) -> int:
    """Σ ⌊x / band⌋ for x in 0…n-1: the steps the first n units of a rising tier have risen."""
    q, r = divmod(n, band)
    return band * q * (q - 1) // 2 + q * r


def _rising(tier: Tier, band: int, lo: int, hi: int) -> Iterator[Line]:
    """Units lo…hi of a tier whose rate rises every `band` units, summed arithmetically."""
    s = tier.start
    first_band, last_band = (lo - s) // band, (hi - s) // band
    if last_band - first_band < SHOWN_BANDS:
        for k in range(first_band, last_band + 1):
            a, b = max(lo, s + k * band), min(hi, s + (k + 1) * band - 1)
            rate = tier.rate + k * tier.step
            yield Line(a, b, rate, rate * (b - a + 1))
        return
    risen = _risen(hi - s + 1, band) - _risen(lo - s, band)
    amount = tier.rate * (hi - lo + 1) + tier.step * risen
    last_rate = tier.rate + last_band * tier.step
    yield Line(lo, hi, tier.rate + first_band * tier.step, amount, (band, tier.step, last_rate))


@dataclass(frozen=True)
class Method:
    key: str
    name: str
    unit: str
    scope: str
    tiers: tuple[Tier, ...]

    def lines(self, lo: int, hi: int) -> Iterator[Line]:
        """The fee of units lo…hi: each tier's overlap with them, at the tier's rate."""
        for tier in self.tiers:
            a, b = max(lo, tier.start), hi if tier.end is None else min(hi, tier.end)
            if a > b:
                continue
            if tier.band is None:
                yield Line(a, b, tier.rate, tier.rate * (b - a + 1))
            else:
                yield from _rising(tier, tier.band, a, b)


@dataclass(frozen=True)
class Fee:
    method: Method
    quantity: int
    before: int
    lines: tuple[Line, ...]

    @property
    def amount(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


def yuan(amount: Decimal) -> str:
    """5500 → "5500元", 12.5 → "12.50元"."""
    if amount == amount.to_integral_value():
        return f"{int(amount)}元"
    return f"{amount.quantize(Decimal('0.01'))}元"


def _tier(raw: dict[str, Any], where: str) -> Tier:
    try:
        return Tier(
            start=int(raw["from"]),
            end=int(raw["to"]) if raw.get("to") is not None else None,
            rate=Decimal(str(raw["rate"])),
            band=int(raw["band"]) if raw.get("band") is not None else None,
            step=Decimal(str(raw.get("step", 0))),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError):
        raise ConfigError(
            f"fees.yml：{where} 的档次应写成 {{from: 整数, to: 整数, rate: 金额}}"
        ) from None


def _method(key: str, raw: dict[str, Any]) -> Method:
    tiers = tuple(_tier(t, f"{key}第{i}档") for i, t in enumerate(raw["tiers"], start=1))
    expected = 1
    for i, t in enumerate(tiers, start=1):
        last = i == len(tiers)
        if (
            t.start != expected
            or (t.end is None) != last
            or (t.end is not None and t.end < t.start)
        ):
            raise ConfigError(
                f"fees.yml：{key}第{i}档应从 {expected} 开始，档次首尾相接，只有最后一档不写 to"
            )
        expected = (t.end or 0) + 1
    return Method(key, raw["name"], raw["unit"], raw["scope"], tiers)


@cache
def load() -> dict[str, Method]:
    """The methods of `data/fees.yml`, keyed 按件 / 按量."""
    text = resources.files("gongkai.data").joinpath("fees.yml").read_text("utf-8")
    raw = yaml.safe_load(text)
    return {key: _method(key, m) for key, m in raw["methods"].items()}


def basis() -> str:
    text = resources.files("gongkai.data").joinpath("fees.yml").read_text("utf-8")
    return str(yaml.safe_load(text)["basis"])


def compute(method: str, quantity: int, before: int = 0) -> Fee:
    """The fee for `quantity` units after `before` already counted (按件: earlier this month)."""
    if quantity < 0 or before < 0:
        raise ValueError("件数、页数不能为负数")
    if (problem := too_many(method, quantity, before)) is not None:
        raise ValueError(problem)
    m = load()[method]
    lines = tuple(m.lines(before + 1, before + quantity)) if quantity > 0 else ()
    return Fee(m, quantity, before, lines)


MAX_UNITS = 1_000_000  # 件 (this request and the month's earlier ones) or 页 of one request
TOO_MANY = {
    PIECES: (
        f"件数（本次与本月此前已累计的合计）不能超过{MAX_UNITS}件：同一申请人一个月申请上百万件"
        "不合实际，多半是输入有误；请核对后重新输入"
    ),
    PAGES: (
        f"页数不能超过{MAX_UNITS}页：一个申请提供上百万页信息不合实际，多半是输入有误；"
        "请核对后重新输入"
    ),
}


def too_many(method: str, quantity: int, before: int = 0) -> str | None:
    """Why the units are past the bound (the calculator in fee.js says the same), or None."""
    return TOO_MANY[method] if quantity + before > MAX_UNITS else None


def describe(fee: Fee) -> str:
    """The CLI text: the amount, then one line per tier touched."""
    m = fee.method
    head = f"{m.name}：{fee.quantity}{m.unit}"
    if fee.before:
        head += f"（本月此前已累计{fee.before}{m.unit}）"
    out = [f"{head}，信息处理费{yuan(fee.amount)}"]
    for line in fee.lines:
        out.append("  " + line_text(line, m.unit))
    return "\n".join(out) + "\n"


def span(first: int, last: int | None, unit: str) -> str:
    """1～10件, 第31件, 201页以上."""
    if last is None:
        return f"{first}{unit}以上"
    return f"第{first}{unit}" if first == last else f"{first}～{last}{unit}"


def line_text(line: Line, unit: str) -> str:
    """ "31～40件：10件 × 200元/件 = 2000元" — fee.js writes the same line.

    A run of bands summed on one line: "31～100件：70件，200元/件起每10件提高100元/件，
    至800元/件 = 35000元".
    """
    head = f"{span(line.first, line.last, unit)}：{line.count}{unit}"
    if line.rise is None:
        return f"{head} × {yuan(line.rate)}/{unit} = {yuan(line.amount)}"
    band, step, last_rate = line.rise
    return (
        f"{head}，{yuan(line.rate)}/{unit}起每{band}{unit}提高{yuan(step)}/{unit}，"
        f"至{yuan(last_rate)}/{unit} = {yuan(line.amount)}"
    )


def tiers_json() -> str:
    """The tiers for fee.js: the same data the Python engine reads, rates as strings."""
    data = {
        key: {
            "name": m.name,
            "unit": m.unit,
            "max": MAX_UNITS,
            "too_many": TOO_MANY[key],
            "shown_bands": SHOWN_BANDS,
            "tiers": [
                {
                    "from": t.start,
                    "to": t.end,
                    "rate": str(t.rate),
                    "band": t.band,
                    "step": str(t.step),
                }
                for t in m.tiers
            ],
        }
        for key, m in load().items()
    }
    # "</" must not close the surrounding <script> element.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def add_parser(sub: Any) -> None:
    """`python -m gongkai fee --pieces N [--before M]` / `--pages N`."""
    fee = sub.add_parser("fee", help="计算信息处理费（国办函〔2020〕109号），列出各档明细")
    how = fee.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--pieces",
        type=int,
        metavar="N",
        help=f"按件计收：本次申请的件数（与 --before 合计至多{MAX_UNITS}件）",
    )
    how.add_argument(
        "--pages", type=int, metavar="N", help=f"按量计收：本次提供的页数（至多{MAX_UNITS}页）"
    )
    fee.add_argument(
        "--before",
        type=int,
        default=0,
        metavar="M",
        help="按件计收：同一申请人本月此前已累计的件数",
    )
    fee.set_defaults(func=_run)


def _run(args: Any) -> int:
    import sys

    method, quantity = (PIECES, args.pieces) if args.pieces is not None else (PAGES, args.pages)
    if method == PAGES and args.before:
        print("gongkai: --before 只用于按件计收：按量计收按每个申请单独计算", file=sys.stderr)
        return 2
    if quantity < 0 or args.before < 0:
        print("gongkai: 件数、页数不能为负数：请写 0 或正整数", file=sys.stderr)
        return 2
    if (problem := too_many(method, quantity, args.before)) is not None:
        print(f"gongkai: {problem}", file=sys.stderr)
        return 2
    sys.stdout.write(describe(compute(method, quantity, args.before)))
    return 0
