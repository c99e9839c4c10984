"""The 年报 generated from a ledger, the column's 规范性文件 and the editor's text (golden test)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sitekit import REPO, Project, run

from gongkai import engine
from gongkai.reports import annual
from gongkai.reports.annual_tables import Part3

GOLDEN = Path(__file__).parent / "fixtures" / "annual" / "2025-nb.md"

LEDGER_2024 = """\
year: 2024
requests:
  - {id: 2024-031, received: 2024-12-27, applicant: 法律服务机构}
"""

LEDGER_2025 = """\
year: 2025
requests:
  - {id: 2024-031, received: 2024-12-27, applicant: 法律服务机构, replied: 2025-01-10, outcome: 部分公开}
  - {id: 2025-001, received: 2025-02-10, applicant: 自然人, replied: 2025-02-20, outcome: 予以公开}
  - {id: 2025-002, received: 2025-05-06, applicant: 自然人, replied: 2025-05-20, outcome: 无法提供,
     reason: 没有现成信息需要另行制作}
  - {id: 2025-003, received: 2025-07-01, applicant: 社会公益组织, pages: 45,
     fee: {method: 按量, amount: 150, notice: 2025-07-08, paid: 2025-07-15},
     replied: 2025-07-22, outcome: 予以公开}
  - {id: 2025-004, received: 2025-12-29, applicant: 其他}
disputes:
  - {id: F1, kind: 未经复议直接起诉, filed: 2025-06-02, result: 结果纠正, decided: 2025-10-09}
  - {id: F2, kind: 复议后起诉, filed: 2025-11-03, result: 结果维持, decided: 2026-02-01}
active:
  规章: {issued: 0, repealed: 0, valid: 0}
  行政许可: 0
  行政处罚: 0
  行政强制: 0
  行政事业性收费: 0
"""

TEXT = """\
---
title: 吉林省监狱管理局2025年政府信息公开工作年度报告
index_no: 013544XXX/2026-00001
type: 年度报告
drafter: 法制处
published: 2026-01-20
disclosure: 主动公开
review:
  reviewer: 李某
  date: 2026-01-19
  result: 同意公开
  digest: 87fe0d164094822c2f370d0fa9e25c03
  fields: {disclosure: 0bd95f, drafter: '770044', index_no: 51237a, published: 6ac9bd, title: af460f, type: c9be63}
  paragraphs: 841145 9db4ca bb6adc 7604e8 68b40c 83cd10 0d2c2e 3d4297 f920c1 510871 4485f9 84ea83 38d78f 12ccf3 969e7b 339765
---

统计期限为2025年1月1日至2025年12月31日。

## 一、总体情况

全年工作有序开展。

## 五、存在的主要问题及改进情况

解读形式单一，将加以改进。

## 六、其他需要报告的事项

无。
"""


def _project(project: Project, *, ledger_2024: str | None = LEDGER_2024) -> Project:
    project.doc(
        "gfxwj/2025-a.md",
        title="吉林省监狱管理局罪犯会见管理办法",
        index_no="013544XXX/2025-00001",
        type="规范性文件",
        doc_no="吉狱发〔2025〕1号",
        written="2025-03-01",
        published="2025-03-05",
        review={"reviewer": "李某", "date": "2025-03-04", "result": "同意公开"},
        validity={"effective": "2025-04-01", "expires": "2030-03-31"},
    )
    (project.root / "ledger").mkdir()
    if ledger_2024 is not None:
        (project.root / "ledger" / "2024.yml").write_text(ledger_2024, encoding="utf-8")
    (project.root / "ledger" / "2025.yml").write_text(LEDGER_2025, encoding="utf-8")
    (project.root / "ledger" / "2025-nb.md").write_text(TEXT, encoding="utf-8")
    return project


def _report(project: Project) -> tuple[int, str, str]:
    r = run(["-m", "gongkai", "report", "annual", "--year", "2025"], project.root, "2026-11-26")
    return r.returncode, r.stdout, r.stderr


def test_annual_report_matches_golden_file_and_builds(project: Project) -> None:
    _project(project)
    code, _, stderr = _report(project)
    assert (code, stderr) == (0, "已生成 content/nb/2025-nb.md\n")
    written = (project.root / "content" / "nb" / "2025-nb.md").read_text(encoding="utf-8")
    assert written == GOLDEN.read_text(encoding="utf-8")
    build = project.build("--strict")
    assert build.returncode == 0, build.stderr
    assert (project.site / "nb" / "2025-nb" / "index.html").is_file()


def test_golden_report_holds_the_hand_counted_numbers() -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    # 一: 自然人 2, 社会公益组织 1, 其他 1; 二: 法律服务机构 1 (from 2024); 四: 其他 1 (29 Dec)
    assert (
        '<tr><td colspan="3">一、本年新收申请数量</td><td>2</td><td>0</td><td>0</td><td>1</td>'
        "<td>0</td><td>1</td><td>4</td></tr>"
    ) in text
    assert (
        '<tr><td colspan="3">二、上年结转申请数量</td><td>0</td><td>0</td><td>0</td><td>0</td>'
        "<td>1</td><td>0</td><td>1</td></tr>"
    ) in text
    assert (
        '<tr><td colspan="2">（七）总计</td><td>2</td><td>0</td><td>0</td><td>1</td><td>1</td>'
        "<td>0</td><td>4</td></tr>"
    ) in text
    # 行政规范性文件: 1 issued in 2025, none repealed, 1 in force at the end of 2025
    assert "<tr><td>行政规范性文件</td><td>1</td><td>0</td><td>1</td></tr>" in text
    # 四: direct suit corrected (1), suit after review undecided at year end (1)
    assert (
        "<tr><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td>"
        "<td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>1</td></tr>"
    ) in text
    assert "2025年，本机关收取信息处理费1件，共150元。" in text


def test_carried_over_count_must_equal_last_years_open_requests(project: Project) -> None:
    _project(
        project,
        ledger_2024=LEDGER_2024 + "  - {id: 2024-032, received: 2024-12-30, applicant: 自然人}\n",
    )
    code, stdout, stderr = _report(project)
    assert code == 1
    assert stdout == (
        "ledger/2025.yml:1:1: GK076 error 2025年年报第三部分“自然人”列的上年结转0件与 ledger/2024.yml "
        "的结转下年度继续办理1件不符：请把上年未办结的申请（保留原编号和收到日期）记入 ledger/2025.yml\n"
        "ledger/2025.yml:1:1: GK076 error 2025年年报第三部分“总计”列的上年结转1件与 ledger/2024.yml "
        "的结转下年度继续办理2件不符：请把上年未办结的申请（保留原编号和收到日期）记入 ledger/2025.yml\n"
    )
    assert stderr == "台账有 2 个问题，未生成 2025 年年报\n"
    assert not (project.root / "content" / "nb" / "2025-nb.md").exists()


def test_ledger_errors_stop_the_report(project: Project) -> None:
    _project(project, ledger_2024=LEDGER_2024.replace("法律服务机构", "律所"))
    code, stdout, _ = _report(project)
    assert code == 1
    assert stdout.startswith("ledger/2024.yml:3:1: GK064 error 申请人类别“律所”")
    assert not (project.root / "content" / "nb" / "2025-nb.md").exists()


def test_unbalanced_column_names_the_column_and_the_numbers() -> None:
    table = {k: Counter() for k in ["new", "carried", "total", "next", "予以公开"]}
    table["new"].update({"自然人": 3, "总计": 3})
    table["予以公开"].update({"自然人": 2, "总计": 2})
    table["total"].update({"自然人": 2, "总计": 2})
    found = annual.reconcile(2025, "ledger/2025.yml", Part3(table), {})
    assert [f.text() for f in found] == [
        "ledger/2025.yml:1:1: GK076 error 2025年年报第三部分“自然人”列不平衡：本年新收3 + 上年结转0 = 3，"
        "办理结果总计2 + 结转下年度0 = 2：请核对该类申请的收到日期、答复日期和办理结果",
        "ledger/2025.yml:1:1: GK076 error 2025年年报第三部分“总计”列不平衡：本年新收3 + 上年结转0 = 3，"
        "办理结果总计2 + 结转下年度0 = 2：请核对该类申请的收到日期、答复日期和办理结果",
    ]


def test_example_report_is_the_generated_one() -> None:
    site = engine.run(REPO)
    from gongkai.ledger.read import load
    from gongkai.ledger.records import ledger_path

    ledger, _ = load(ledger_path(REPO, 2025), "ledger/2025.yml")
    assert ledger is not None
    front, opening, sections = annual.text_blocks(REPO, 2025)
    expected = annual.render(2025, site, ledger, front, opening, sections, "ledger/2025-nb.md")
    assert (REPO / "content" / "nb" / "2025-nb.md").read_text(encoding="utf-8") == expected
