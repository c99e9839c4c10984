from __future__ import annotations

import subprocess
import sys
import time
from decimal import Decimal

import pytest
from fee_cases import CASES

from gongkai.ledger import fees


@pytest.mark.parametrize(("method", "quantity", "before", "amount"), CASES)
def test_engine_matches_the_hand_computed_amount(
    method: str, quantity: int, before: int, amount: Decimal
) -> None:
    assert fees.compute(method, quantity, before).amount == amount


def test_forty_five_pieces_are_charged_tier_by_tier() -> None:
    fee = fees.compute(fees.PIECES, 45)
    rows = [(line.first, line.last, line.count, line.rate, line.amount) for line in fee.lines]
    assert rows == [
        (1, 10, 10, Decimal(0), Decimal(0)),
        (11, 30, 20, Decimal(100), Decimal(2000)),
        (31, 40, 10, Decimal(200), Decimal(2000)),
        (41, 45, 5, Decimal(300), Decimal(1500)),
    ]


def test_pieces_already_counted_this_month_start_in_the_right_tier() -> None:
    fee = fees.compute(fees.PIECES, 5, before=28)
    assert [(line.first, line.last, line.rate) for line in fee.lines] == [
        (29, 30, Decimal(100)),
        (31, 33, Decimal(200)),
    ]


def test_fee_command_prints_amount_and_breakdown() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "fee", "--pages", "250"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "按量计收：250页，信息处理费4700元\n"
        "  1～30页：30页 × 0元/页 = 0元\n"
        "  31～100页：70页 × 10元/页 = 700元\n"
        "  101～200页：100页 × 20元/页 = 2000元\n"
        "  201～250页：50页 × 40元/页 = 2000元\n"
    )


def test_fee_command_counts_the_month_for_pieces() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "fee", "--pieces", "1", "--before", "30"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout == (
        "按件计收：1件（本月此前已累计30件），信息处理费200元\n  第31件：1件 × 200元/件 = 200元\n"
    )


def test_fee_command_refuses_before_with_pages() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "fee", "--pages", "40", "--before", "3"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "gongkai: --before 只用于按件计收：按量计收按每个申请单独计算\n"


def test_tiers_json_is_the_data_the_engine_reads() -> None:
    import json

    data = json.loads(fees.tiers_json())
    assert data["按件"]["tiers"][2] == {
        "from": 31,
        "to": None,
        "rate": "200",
        "band": 10,
        "step": "100",
    }
    assert [t["rate"] for t in data["按量"]["tiers"]] == ["0", "10", "20", "40"]


def _unit_by_unit(method: str, quantity: int, before: int) -> Decimal:
    """The fee counted the slow way, one unit at a time, straight from the tiers' data."""
    total = Decimal(0)
    for unit in range(before + 1, before + quantity + 1):
        tier = next(t for t in fees.load()[method].tiers if t.end is None or unit <= t.end)
        risen = (unit - tier.start) // tier.band if tier.band else 0
        total += tier.rate + risen * tier.step
    return total


@pytest.mark.parametrize("method", [fees.PIECES, fees.PAGES])
def test_the_arithmetic_sum_is_the_unit_by_unit_sum(method: str) -> None:
    for before in (0, 1, 9, 10, 29, 30, 31, 39, 40, 87, 250):
        for quantity in (*range(0, 75), 99, 100, 101, 333, 1000):
            fee = fees.compute(method, quantity, before if method == fees.PIECES else 0)
            assert fee.amount == _unit_by_unit(method, quantity, fee.before), (quantity, before)
            assert sum(line.count for line in fee.lines) == quantity


def test_a_long_run_of_bands_is_one_line() -> None:
    fee = fees.compute(fees.PIECES, 100)
    assert fees.describe(fee) == (
        "按件计收：100件，信息处理费37000元\n"
        "  1～10件：10件 × 0元/件 = 0元\n"
        "  11～30件：20件 × 100元/件 = 2000元\n"
        "  31～100件：70件，200元/件起每10件提高100元/件，至800元/件 = 35000元\n"
    )


def test_a_million_pieces_is_computed_at_once() -> None:
    start = time.perf_counter()
    fee = fees.compute(fees.PIECES, fees.MAX_UNITS)
    assert time.perf_counter() - start < 0.05
    assert fee.amount == _unit_by_unit(fees.PIECES, fees.MAX_UNITS, 0)
    assert len(fee.lines) == 3


PIECES_LIMIT = (
    "gongkai: 件数（本次与本月此前已累计的合计）不能超过1000000件：同一申请人一个月申请上百万件"
    "不合实际，多半是输入有误；请核对后重新输入\n"
)
PAGES_LIMIT = (
    "gongkai: 页数不能超过1000000页：一个申请提供上百万页信息不合实际，多半是输入有误；"
    "请核对后重新输入\n"
)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pieces", "1000000000000"], PIECES_LIMIT),
        (["--pieces", "1", "--before", str(10**20)], PIECES_LIMIT),
        (["--pieces", "1", "--before", "999999" + "9" * 4000], PIECES_LIMIT),
        (["--pieces", "500001", "--before", "500000"], PIECES_LIMIT),
        (["--pages", "1000001"], PAGES_LIMIT),
    ],
)
def test_fee_command_refuses_units_past_the_bound_at_once(args: list[str], message: str) -> None:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "fee", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert time.perf_counter() - start < 10  # a whole process; it used to never return
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def test_the_bound_itself_is_charged() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "fee", "--pieces", "500000", "--before", "500000"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "按件计收：500000件（本月此前已累计500000件），信息处理费3749925000000元\n"
        "  500001～1000000件：500000件，4999900元/件起每10件提高100元/件，"
        "至9999800元/件 = 3749925000000元\n"
    )


def test_the_engine_refuses_past_the_bound() -> None:
    with pytest.raises(ValueError, match="不能超过1000000页"):
        fees.compute(fees.PAGES, fees.MAX_UNITS + 1)
    assert fees.too_many(fees.PIECES, fees.MAX_UNITS, 0) is None
    assert fees.too_many(fees.PIECES, 1, fees.MAX_UNITS) is not None
