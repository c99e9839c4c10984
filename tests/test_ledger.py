"""Ledger fixtures that must fail with the exact message (file:line: id severity message)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gongkai.ledger.checks import check_file
from gongkai.rules import catalog

TODAY = dt.date(2026, 11, 26)
HEAD = "year: 2025\nrequests:\n"

# (case, one request record, the one expected finding)
CASES = [
    (
        "unknown_applicant",
        "  - id: 2025-001\n    received: 2025-01-13\n    applicant: 律师\n",
        "ledger/2025.yml:5:1: GK064 error 申请人类别“律师”不在年报表格中："
        "请写 自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他 之一",
    ),
    (
        "unknown_outcome",
        "  - id: 2025-001\n    received: 2025-01-13\n    applicant: 自然人\n"
        "    replied: 2025-01-20\n    outcome: 不公开\n",
        "ledger/2025.yml:7:1: GK065 error 办理结果“不公开”（是不是“不予公开”？）不在年报格式中："
        "请写 予以公开、部分公开、不予公开、无法提供、不予处理、其他处理 之一",
    ),
    (
        "missing_reason",
        "  - id: 2025-001\n    received: 2025-01-13\n    applicant: 自然人\n"
        "    replied: 2025-01-20\n    outcome: 无法提供\n",
        "ledger/2025.yml:7:1: GK065 error 办理结果“无法提供”需要写明 reason，"
        "可选理由：本机关不掌握、没有现成信息需要另行制作、补正后申请内容仍不明确",
    ),
    (
        "reply_before_receipt",
        "  - id: 2025-001\n    received: 2025-03-10\n    applicant: 自然人\n"
        "    replied: 2025-03-01\n    outcome: 予以公开\n",
        "ledger/2025.yml:6:1: GK066 error 申请 2025-001 的答复日期 2025-03-01 早于收到申请日期 "
        "2025-03-10：请核对两个日期",
    ),
    (
        "fee_where_tiers_say_zero",
        "  - id: 2025-001\n    received: 2025-03-10\n    applicant: 自然人\n    pages: 25\n"
        "    fee: {method: 按量, amount: 50}\n    replied: 2025-03-20\n    outcome: 予以公开\n",
        "ledger/2025.yml:7:1: GK068 error 申请 2025-001 按标准不收费（按量计收，25页），"
        "台账却记录了信息处理费50元：请删除 fee 或把 amount 改为 0",
    ),
    (
        "fee_amount_disagrees_with_engine",
        "  - id: 2025-001\n    received: 2025-03-10\n    applicant: 商业企业\n    pages: 250\n"
        "    fee: {method: 按量, amount: 10000}\n    replied: 2025-03-20\n    outcome: 予以公开\n",
        "ledger/2025.yml:7:1: GK069 error 申请 2025-001 的信息处理费10000元与标准计算的4700元不符"
        "（按量计收，250页：31～100页：70页 × 10元/页 = 700元；101～200页：100页 × 20元/页 = 2000元；"
        "201～250页：50页 × 40元/页 = 2000元）：请改为 amount: 4700",
    ),
    (
        "pages_past_the_fee_bound",
        "  - id: 2025-001\n    received: 2025-03-10\n    applicant: 商业企业\n"
        "    pages: 1000000000000\n"
        "    fee: {method: 按量, amount: 10000}\n    replied: 2025-03-20\n    outcome: 予以公开\n",
        "ledger/2025.yml:7:1: GK063 error 申请 2025-001 的页数不能超过1000000页：一个申请提供上百万页"
        "信息不合实际，多半是输入有误；请核对后重新输入",
    ),
    (
        "personal_data",
        "  - id: 2025-001\n    received: 2025-03-10\n    applicant: 自然人\n    name: 张三\n"
        "    replied: 2025-03-20\n    outcome: 予以公开\n",
        "ledger/2025.yml:6:1: GK061 error 台账不得记录个人信息：请删除“name”；"
        "需要区分申请人时写 applicant_ref（如 A01）",
    ),
    (
        "extension_too_long",
        "  - id: 2025-001\n    received: 2025-03-10\n    applicant: 自然人\n"
        "    extension: {decided: 2025-04-01, workdays: 30}\n    replied: 2025-04-20\n"
        "    outcome: 予以公开\n",
        "ledger/2025.yml:6:1: GK070 error 延长答复期限 30 个工作日超过《条例》第三十三条规定的最长 "
        "20 个工作日：请改为不超过 20",
    ),
    (
        "late_reply_counts_working_days_over_the_may_holiday",
        # received 2025-04-21: 20 working days end 2025-05-21 (1–5 May off, 27 April worked)
        "  - id: 2025-001\n    received: 2025-04-21\n    applicant: 自然人\n"
        "    replied: 2025-05-22\n    outcome: 予以公开\n",
        "ledger/2025.yml:6:1: GK071 warning 申请 2025-001 于 2025-05-22 答复，超过答复期限 2025-05-21"
        "（自 2025-04-21 起 20 个工作日）：请在年报第五部分说明原因和改进措施",
    ),
    (
        "correction_restarts_the_period",
        # corrected request received 2025-04-21: the reply on 2025-05-21 is in time, the 补正
        # notice on 2025-04-18 was the 9th working day after 2025-04-07
        "  - id: 2025-001\n    received: 2025-04-07\n    applicant: 自然人\n"
        "    corrections: [{requested: 2025-04-18, received: 2025-04-21}]\n"
        "    replied: 2025-05-21\n    outcome: 予以公开\n",
        "ledger/2025.yml:6:1: GK073 warning 申请 2025-001 的补正告知日期 2025-04-18 晚于收到申请后 "
        "7 个工作日（2025-04-16）：《条例》第三十条要求 7 个工作日内一次性告知",
    ),
    (
        "overdue_open_request",
        "  - id: 2025-001\n    received: 2025-12-22\n    applicant: 自然人\n",
        "ledger/2025.yml:3:1: GK072 warning 申请 2025-001 的答复期限 2026-01-20（自 2025-12-22 起 "
        "20 个工作日）已过，至今未答复：请尽快答复，并在台账中写明 replied 和 outcome",
    ),
]


@pytest.mark.parametrize(("record", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_ledger_fixture_fails_with_exact_message(tmp_path: Path, record: str, message: str) -> None:
    path = tmp_path / "ledger" / "2025.yml"
    path.parent.mkdir()
    path.write_text(HEAD + record, encoding="utf-8")
    assert [f.text() for f in check_file(path, "ledger/2025.yml", TODAY)] == [message]


def test_pieces_are_counted_per_applicant_over_the_month(tmp_path: Path) -> None:
    # A01 asks for 8 件 then 5 件 in March: the second request holds the 11th–13th 件 (300元)
    records = (
        "  - {id: 2025-001, received: 2025-03-03, applicant: 自然人, applicant_ref: A01, items: 8}\n"
        "  - {id: 2025-002, received: 2025-03-20, applicant: 自然人, applicant_ref: A01, items: 5,\n"
        "     fee: {method: 按件, amount: 500}}\n"
        "  - {id: 2025-003, received: 2025-04-01, applicant: 自然人, applicant_ref: A01, items: 5,\n"
        "     fee: {method: 按件, amount: 0}}\n"
    )
    path = tmp_path / "2025.yml"
    path.write_text(HEAD + records + "    \n", encoding="utf-8")
    in_march = dt.date(2025, 3, 21)  # before any reply is due
    assert [f.text() for f in check_file(path, "ledger/2025.yml", in_march)] == [
        "ledger/2025.yml:5:1: GK069 error 申请 2025-002 的信息处理费500元与标准计算的300元不符"
        "（按件计收，本月此前已累计8件，本次5件：11～13件：3件 × 100元/件 = 300元）：请改为 amount: 300"
    ]


def test_example_ledger_is_clean() -> None:
    root = Path(__file__).resolve().parent.parent
    assert check_file(root / "ledger" / "2025.yml", "ledger/2025.yml", TODAY) == []


def test_every_ledger_rule_is_documented() -> None:
    registry = catalog.load_all()
    for n in range(60, 77):
        doc = registry[f"GK0{n}"].doc
        assert "为什么：" in doc and "错误示例：" in doc and "正确示例：" in doc
