"""The 信息处理费 page of the 依申请公开 guide: the tiers table and a calculator, from one data file.

The table is Markdown rendered from `data/fees.yml`, so it shows without JavaScript; the same tiers
go into the page as JSON for `assets/javascripts/fee.js`, which reveals and drives the form.
"""

from __future__ import annotations

from gongkai.content.site import Site
from gongkai.ledger import fees

SRC_URI = "zfxxgkzn/fees.md"

INTRO = (
    "本机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，"
    "依照《政府信息公开信息处理费管理办法》（{basis}）收取信息处理费。按件计收和按量计收只能选择"
    "其中一种方式，均实行超额累进计费：每档标准只适用于落在该档内的部分。"
)

FORM = """\
<form class="gongkai-fee" id="gongkai-fee" hidden>
<fieldset>
<legend>计收方式</legend>
<label><input type="radio" name="method" value="按件" checked> 按件计收</label>
<label><input type="radio" name="method" value="按量"> 按量计收</label>
</fieldset>
<p><label for="gongkai-fee-quantity"><span class="gongkai-fee__by-item">本次申请的件数</span><span class="gongkai-fee__by-page">本次提供的页数</span></label>
<input id="gongkai-fee-quantity" name="quantity" type="number" min="0" step="1" value="0" inputmode="numeric"></p>
<p><label for="gongkai-fee-before">同一申请人本月此前已累计申请的件数（只用于按件计收）</label>
<input id="gongkai-fee-before" name="before" type="number" min="0" step="1" value="0" inputmode="numeric"></p>
<p><button type="submit" class="gk-btn gongkai-fee__submit">计算</button></p>
<output id="gongkai-fee-result" for="gongkai-fee-quantity gongkai-fee-before" aria-live="polite"></output>
</form>
"""


def rate_text(tier: fees.Tier, unit: str) -> str:
    if tier.rate == 0 and not tier.step:
        return "不收费"
    text = f"{fees.yuan(tier.rate)}/{unit}"
    if tier.band and tier.step:
        examples = []
        first, rate = tier.start, tier.rate
        for _ in range(2):
            last = first + tier.band - 1
            examples.append(f"{fees.span(first, last, unit)}{fees.yuan(rate)}/{unit}")
            first, rate = last + 1, rate + tier.step
        text = (
            f"每增加{tier.band}{unit}，标准提高{fees.yuan(tier.step)}/{unit}"
            f"（{'，'.join(examples)}，依此类推）"
        )
    return text


def tiers_markdown() -> str:
    lines: list[str] = []
    for method in fees.load().values():
        lines += [f"## {method.name}", "", f"计费范围：{method.scope}。", ""]
        lines += ["| 档次 | 收费标准 |", "|---|---|"]
        for tier in method.tiers:
            lines.append(
                f"| {fees.span(tier.start, tier.end, method.unit)} | {rate_text(tier, method.unit)} |"
            )
        lines.append("")
    return "\n".join(lines)


def fee_page_markdown() -> str:
    return "\n".join(
        [
            "# 信息处理费标准和计算器",
            "",
            INTRO.format(basis=fees.basis()),
            "",
            tiers_markdown(),
            "需要收取信息处理费的，本机关向申请人出具收费通知，说明收费的依据、标准、数额和缴纳方式。"
            "申请人应当自收到收费通知的次日起20个工作日内缴纳费用，逾期未缴纳的，视为放弃申请。",
            "",
            "## 计算器",
            "",
            "输入件数或页数即可估算信息处理费，结果以本机关出具的收费通知为准。",
            "",
            FORM,
            "<noscript><p>计算器需要启用浏览器的JavaScript；也可以按上表分档计算。</p></noscript>",
            "",
            f'<script type="application/json" id="gongkai-fee-tiers">{fees.tiers_json()}</script>',
            '<script src="../../assets/javascripts/fee.js"></script>',
            "",
        ]
    )


def pages(site: Site) -> list[tuple[str, str]]:
    return [(SRC_URI, fee_page_markdown())]
