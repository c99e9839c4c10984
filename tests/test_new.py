"""`python -m gongkai new`: a fresh 索引号, a frozen slug, today's date, and nothing that passes unfilled."""

from __future__ import annotations

import datetime as dt
import shlex
import subprocess
import sys
from pathlib import Path

import yaml
from sitekit import TODAY, Project, run, sealed

TITLE = "吉林省监狱管理局罪犯亲属会见管理办法"
SLUG = "2026-zui-fan-qin-shu-hui-jian-guan-li"
REL = f"content/gfxwj/{SLUG}.md"


def new(project: Project, *args: str, today: str = "2026-11-26"):
    return run(["-m", "gongkai", "new", *args], project.root, today)


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def fill(path: Path, **replacements: str) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new_text in replacements.items():
        assert old in text, old
        text = text.replace(old, new_text)
    path.write_text(text, encoding="utf-8")


def test_new_regulation_gets_next_serial_frozen_slug_and_today(project: Project) -> None:
    project.doc("gfxwj/a.md", index_no="013544XXX/2026-00007", type="规范性文件")
    project.doc("ghjh/b.md", index_no="013544XXX/2025-00040")  # another year: not counted
    project.write("ghjh/broken.md", "---\ntitle: [\nindex_no: 013544XXX/2026-00009\n---\n")

    result = new(project, "--column", "规范性文件", "--title", TITLE)

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{REL}\n"
    assert result.stderr == (
        f"已新建 {REL}：请填写标有“必填”的字段和正文，"
        f"然后运行 {sys.executable} -m gongkai check {REL}，直到没有错误\n"
    )
    meta = front(project.root / REL)
    assert meta == {
        "title": TITLE,
        "index_no": "013544XXX/2026-00008",
        "type": "规范性文件",
        "drafter": None,
        "doc_no": None,
        "written": None,
        "published": dt.date(2026, 11, 26),
        "topic": None,
        "keywords": [],
        "disclosure": "主动公开",
        "slug": SLUG,
        "review": {"reviewer": None, "date": None, "result": "待审"},
        "validity": {"effective": None, "expires": None},
    }


def test_broken_document_still_reserves_its_index_number(project: Project) -> None:
    project.write("ghjh/broken.md", "---\nindex_no: 013544XXX/2026-00009\ntitle: 无类别\n---\n")

    new(project, "--column", "gfxwj", "--title", "某某办法")

    assert front(project.root / "content/gfxwj/2026-mou-mou-ban-fa.md")["index_no"] == (
        "013544XXX/2026-00010"
    )


def test_unfilled_new_document_fails_check_on_every_field_the_editor_owns(
    project: Project,
) -> None:
    new(project, "--column", "规范性文件", "--title", TITLE)

    first = project.check(REL)
    assert first.returncode == 1
    assert first.stdout == (
        f"{REL}:5:1: GK010 error drafter（起草部门） 还没有填写：请在“drafter:”后面写上起草部门\n"
        f"{REL}:14:1: GK010 error review.reviewer（审查人） 还没有填写：请在“reviewer:”后面写上审查人\n"
        f"{REL}:15:1: GK010 error review.date（审查日期） 还没有填写：请在“date:”后面写上审查日期\n"
    )

    path = project.root / REL
    fill(
        path,
        **{
            "drafter:  #": "drafter: 狱政管理处  #",
            "reviewer:  #": "reviewer: 李某  #",
            "date:  #": "date: 2026-11-25  #",
        },
    )
    second = project.check(REL)
    assert second.returncode == 1
    assert second.stdout.splitlines() == [
        f"{REL}:4:1: GK027 error 规范性文件必须写发文字号：请补上“doc_no: …”，"
        "例如 doc_no: 吉狱发〔2026〕3号（照原件填写）",
        f"{REL}:4:1: GK027 error 规范性文件必须写成文日期：请补上“written: …”，"
        "例如 written: 2026-02-15（照原件填写）",
        f"{REL}:4:1: GK103 error 规范性文件必须写明有效性：请补上 validity（至少 effective 施行日期，"
        "有有效期的写 expires）",
        f"{REL}:16:1: GK202 warning 审查结论为“待审”，本文档暂不发布：审查通过后改为“同意公开”",
        f"{REL}:21:1: GK007 error 正文是空的（注释 <!-- … --> 不显示在网页上）：请在元数据块之后写上文件全文，"
        "正文在附件中的写一句说明并链接附件",
    ]


def test_filled_new_document_passes_check_and_builds_at_its_frozen_url(project: Project) -> None:
    new(project, "--column", "规范性文件", "--title", TITLE)
    fill(
        project.root / REL,
        **{
            "drafter:  #": "drafter: 狱政管理处  #",
            "reviewer:  #": "reviewer: 李某  #",
            "date:  #": "date: 2026-11-25  #",
            "result: 待审": "result: 同意公开",
            "doc_no:  #": "doc_no: 吉狱发〔2026〕3号  #",
            "written:  #": "written: 2026-11-20  #",
            "effective:  #": "effective: 2026-12-01  #",
            "<!-- 在这里写正文 -->": "第一条　为规范会见管理，制定本办法。",
        },
    )
    path = project.root / REL  # the reviewer's approval carries the digest (tests/test_review.py)
    path.write_text(sealed(path.read_text(encoding="utf-8"), path), encoding="utf-8")

    assert project.check(REL).returncode == 0
    built = project.build("--strict")
    assert built.returncode == 0, built.stderr
    assert (project.site / "gfxwj" / SLUG / "index.html").is_file()


def test_column_with_several_types_leaves_type_for_the_editor(project: Project) -> None:
    new(project, "--column", "规划计划", "--title", "2027年政务公开工作要点")

    path = project.root / "content/ghjh/2026-2027-nian-zheng-wu-gong-kai-gong-zuo.md"
    text = path.read_text(encoding="utf-8")
    assert "type:  # 必填：信息类别，可选 规划 | 计划 | 工作要点 | 工作总结\n" in text
    assert "validity" not in text
    assert front(path)["type"] is None


def test_column_fields_are_listed_with_their_choices(project: Project) -> None:
    new(project, "--column", "政府采购", "--title", "监控设备采购项目采购公告")

    text = next((project.root / "content/zfcg").glob("*.md")).read_text(encoding="utf-8")
    assert "project:  # 必填：项目编号\n" in text
    assert (
        "stage:  # 必填：阶段，可选 采购意向 | 采购公告 | 更正公告 | 采购结果 | 采购合同\n" in text
    )


def test_type_fields_are_listed_for_the_type(project: Project) -> None:
    new(project, "--column", "意见征集", "--type", "采纳情况", "--title", "某某办法意见采纳情况")

    text = next((project.root / "content/yjzj").glob("*.md")).read_text(encoding="utf-8")
    assert "solicitation:  # 必填：所反馈的征集索引号\n" in text
    assert "adopted:  # 必填：采纳意见条数\n" in text
    assert "not_adopted:  # 必填：未采纳意见条数\n" in text


def test_budget_documents_get_unit_year_kind_from_the_title_and_a_slug_of_them(
    project: Project,
) -> None:
    first = new(project, "--column", "财政预决算", "--title", "长春监狱2027年部门预算")
    second = new(
        project, "--column", "财政预决算", "--title", "吉林省监狱管理局局本级2027年部门预算"
    )

    assert (first.stdout, second.stdout) == (
        "content/czyjs/2027-ccjy-ys.md\n",
        "content/czyjs/2027-jbj-ys.md\n",
    )
    meta = front(project.root / "content/czyjs/2027-ccjy-ys.md")
    assert (meta["unit"], meta["year"], meta["kind"]) == ("长春监狱", 2027, "预算")


def test_budget_title_without_its_unit_cannot_run(project: Project) -> None:
    result = new(project, "--column", "财政预决算", "--title", "2027年部门预算")

    assert result.returncode == 2
    assert result.stderr == (
        "gongkai: 财政预决算的标题要写明单位、年度和预算或决算，如“长春监狱2027年部门预算”："
        "单位为 局本级、长春监狱 之一\n"
    )


def test_same_title_twice_is_refused_naming_the_existing_file(project: Project) -> None:
    new(project, "--column", "规范性文件", "--title", TITLE)
    second = new(project, "--column", "规范性文件", "--title", TITLE)

    assert second.returncode == 2
    assert (
        second.stderr
        == f"gongkai: 栏目“规范性文件”已有同名文档 {REL}：请打开它修改，或换一个标题\n"
    )
    assert not (project.root / f"content/gfxwj/{SLUG}-2.md").exists()


def test_the_hint_is_a_command_that_works_as_written(project: Project) -> None:
    result = new(project, "--column", "规范性文件", "--title", TITLE)

    command = result.stderr.split("然后运行 ", 1)[1].split("，", 1)[0]
    ran = subprocess.run(
        shlex.split(command), cwd=project.root, capture_output=True, text=True, check=False
    )
    assert ran.returncode == 1 and f"{REL}:5:1: GK010 error" in ran.stdout, ran.stderr


def test_new_ledger_writes_the_ledger_and_report_texts_carrying_open_requests(
    project: Project,
) -> None:
    (project.root / "ledger").mkdir()
    (project.root / "ledger/2025.yml").write_text(
        "year: 2025\nrequests:\n"
        "  - {id: 2025-001, received: 2025-11-03, applicant: 自然人, replied: 2025-11-20, outcome: 予以公开}\n"
        "  - {id: 2025-002, received: 2025-12-22, applicant: 自然人, replied: 2026-01-16, outcome: 予以公开}\n",
        encoding="utf-8",
    )

    result = new(project, "--ledger", "2026")

    assert result.returncode == 0, result.stderr
    assert result.stdout == "ledger/2026.yml\nledger/2026-nb.md\n"
    ledger = yaml.safe_load((project.root / "ledger/2026.yml").read_text(encoding="utf-8"))
    assert ledger["year"] == 2026
    assert [r["id"] for r in ledger["requests"]] == ["2025-002"]
    report = run(
        ["-m", "gongkai", "report", "annual", "--year", "2026"], project.root, "2027-01-10"
    )
    assert report.returncode == 2
    assert report.stderr == (
        "gongkai: ledger/2026-nb.md: 缺少“## 一、总体情况”“## 五、存在的主要问题及改进情况”"
        "“## 六、其他需要报告的事项”的文字：请补写后重新生成\n"
    )
    again = new(project, "--ledger", "2026")
    assert (again.returncode, again.stderr) == (
        2,
        "gongkai: ledger/2026.yml 已存在：请打开它继续填写\n",
    )


def test_report_without_a_ledger_says_how_to_start_one(project: Project) -> None:
    report = run(["-m", "gongkai", "report", "annual", "--year", "2026"], project.root, TODAY)

    assert report.returncode == 2
    assert report.stderr == (
        f"gongkai: 找不到 ledger/2026.yml：请先运行 {sys.executable} -m gongkai new --ledger 2026，"
        "建立 2026 年的依申请公开台账和年报文字\n"
    )


def test_unknown_column_cannot_run_and_lists_the_columns(project: Project) -> None:
    result = new(project, "--column", "通知公告", "--title", "某某通知")

    assert result.returncode == 2
    assert result.stderr.startswith("gongkai: 没有栏目“通知公告”：可用栏目有 政府信息公开指南、")
    assert result.stdout == ""


def test_type_outside_the_column_cannot_run(project: Project) -> None:
    result = new(project, "--column", "规划计划", "--type", "规范性文件", "--title", "某某办法")

    assert result.returncode == 2
    assert result.stderr == (
        "gongkai: 栏目“规划计划”不收“规范性文件”类信息：--type 应为 规划、计划、工作要点、工作总结 之一\n"
    )


def test_existing_slug_is_refused(project: Project) -> None:
    project.doc("gfxwj/2026-hjglbf.md", type="规范性文件")

    result = new(project, "--column", "规范性文件", "--slug", "2026-hjglbf", "--title", TITLE)

    assert result.returncode == 2
    assert result.stderr == "gongkai: content/gfxwj/2026-hjglbf.md 已存在：请换一个 --slug\n"
