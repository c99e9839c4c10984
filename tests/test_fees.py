from __future__ import annotations

import subprocess
import sys
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
