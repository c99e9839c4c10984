"""The fee calculator on the built example site agrees with the Python engine on every shared case."""

from __future__ import annotations

from pathlib import Path

from browser import chromium, serve
from fee_cases import CASES

from gongkai.ledger import fees


def test_calculator_in_chromium_agrees_with_python_engine(example_site: Path) -> None:
    with serve(example_site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "zfxxgkzn/fees/")
        for method, quantity, before, amount in CASES:
            page.check(f"input[name=method][value={method}]")
            if method == fees.PIECES:
                page.fill("#gongkai-fee-before", str(before))
            page.fill("#gongkai-fee-quantity", str(quantity))
            page.click("#gongkai-fee button[type=submit]")
            result = page.locator("#gongkai-fee-result")
            shown = result.inner_text().strip().splitlines()
            expected = fees.describe(fees.compute(method, quantity, before)).splitlines()
            case = (method, quantity, before)
            assert result.get_attribute("data-amount") == fees.yuan(amount), case
            assert [s.strip() for s in shown if s.strip()] == [e.strip() for e in expected], case


def test_tiers_table_is_in_the_page_without_javascript(example_site: Path) -> None:
    html = (example_site / "zfxxgkzn" / "fees" / "index.html").read_text(encoding="utf-8")
    assert "<td>31件以上</td>" in html
    assert (
        "<td>每增加10件，标准提高100元/件（31～40件200元/件，41～50件300元/件，依此类推）</td>"
        in html
    )
    assert "<td>201页以上</td>\n<td>40元/页</td>" in html
    assert '<form class="gongkai-fee" id="gongkai-fee" hidden>' in html


def test_invalid_input_asks_for_a_whole_number(example_site: Path) -> None:
    with serve(example_site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "zfxxgkzn/fees/")
        page.fill("#gongkai-fee-quantity", "-3")
        page.click("#gongkai-fee button[type=submit]")
        assert page.locator("#gongkai-fee-result").inner_text() == "请输入0或正整数。"


def test_a_million_pieces_are_answered_at_once_and_more_are_refused(example_site: Path) -> None:
    with serve(example_site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "zfxxgkzn/fees/")
        page.fill("#gongkai-fee-before", "0")
        # Each keystroke recomputes ("input"): time one whole answer inside the page.
        elapsed = page.evaluate(
            """() => {
                const input = document.getElementById("gongkai-fee-quantity");
                input.value = "1000000";
                const start = performance.now();
                input.dispatchEvent(new Event("input", {bubbles: true}));
                return performance.now() - start;
            }"""
        )
        result = page.locator("#gongkai-fee-result")
        assert elapsed < 50, elapsed  # milliseconds; counting band by band froze the tab
        assert result.get_attribute("data-amount") == "4999850002000元"
        assert result.inner_text().strip().splitlines()[-1] == (
            "31～1000000件：999970件，200元/件起每10件提高100元/件，至9999800元/件 = 4999850000000元"
        )
        for quantity, before in (("1000001", "0"), ("1", "1000000"), ("1" + "0" * 20, "0")):
            page.fill("#gongkai-fee-before", before)
            page.fill("#gongkai-fee-quantity", quantity)
            page.click("#gongkai-fee button[type=submit]")
            assert result.get_attribute("data-amount") is None
            assert result.inner_text() == fees.too_many(fees.PIECES, int(quantity), int(before))
        page.check("input[name=method][value=按量]")
        page.fill("#gongkai-fee-quantity", "1000001")
        page.click("#gongkai-fee button[type=submit]")
        assert result.inner_text() == fees.too_many(fees.PAGES, 1_000_001)
