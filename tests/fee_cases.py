"""The shared table of fee cases: the Python engine and the browser calculator must both give these.

Amounts are computed by hand from 国办函〔2020〕109号 (domain-facts.md), tier by tier.
"""

from __future__ import annotations

from decimal import Decimal

# (method, quantity, already counted this month, amount in yuan)
CASES: list[tuple[str, int, int, Decimal]] = [
    ("按件", 0, 0, Decimal(0)),
    ("按件", 1, 0, Decimal(0)),
    ("按件", 10, 0, Decimal(0)),
    ("按件", 11, 0, Decimal(100)),  # 1 × 100
    ("按件", 30, 0, Decimal(2000)),  # 20 × 100
    ("按件", 31, 0, Decimal(2200)),  # 20 × 100 + 1 × 200
    ("按件", 40, 0, Decimal(4000)),  # 20 × 100 + 10 × 200
    ("按件", 41, 0, Decimal(4300)),  # 20 × 100 + 10 × 200 + 1 × 300
    ("按件", 45, 0, Decimal(5500)),  # the worked example: 2000 + 2000 + 5 × 300
    ("按件", 1, 10, Decimal(100)),  # the 11th 件 of the month
    ("按件", 5, 28, Decimal(800)),  # 29–30: 2 × 100, 31–33: 3 × 200
    ("按件", 20, 55, Decimal(10000)),  # 56–60: 5 × 400, 61–70: 10 × 500, 71–75: 5 × 600
    ("按件", 80, 0, Decimal(22000)),  # 2000 + 10 × (200 + 300 + 400 + 500 + 600): 5 bands listed
    ("按件", 81, 0, Decimal(22700)),  # 22000 + 1 × 700: 6 bands, summed on one line
    ("按件", 100, 0, Decimal(37000)),  # 2000 + 10 × (200 + 300 + … + 800)
    # The bound, 1,000,000 件: 2000 + 10 × Σ (200 + 100k) for k = 0 … 99996
    # = 2000 + 10 × (99997 × 200 + 100 × 99996 × 99997 / 2) = 2000 + 4999850000000
    ("按件", 1_000_000, 0, Decimal(4_999_850_002_000)),
    ("按件", 1, 999_999, Decimal(9_999_800)),  # the millionth: band 99996, 200 + 99996 × 100
    ("按量", 0, 0, Decimal(0)),
    ("按量", 30, 0, Decimal(0)),
    ("按量", 31, 0, Decimal(10)),  # 1 × 10
    ("按量", 100, 0, Decimal(700)),  # 70 × 10
    ("按量", 101, 0, Decimal(720)),  # 700 + 1 × 20
    ("按量", 200, 0, Decimal(2700)),  # 700 + 100 × 20
    ("按量", 201, 0, Decimal(2740)),  # 2700 + 1 × 40
    ("按量", 250, 0, Decimal(4700)),  # the worked example: 700 + 2000 + 50 × 40
    ("按量", 1_000_000, 0, Decimal(39_994_700)),  # the bound: 700 + 2000 + 999800 × 40
]
