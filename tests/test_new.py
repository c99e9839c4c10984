"""`python -m gongkai new`: a fresh 索引号, a frozen slug, today's date, and nothing that passes unfilled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from sitekit import Project, run, sealed

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
        f"然后运行 python -m gongkai check {REL}，直到没有错误\n"
    )
    meta = front(project.root / REL)
    assert meta == {
        "title": TITLE,
        "index_no": "013544XXX/2026-00008",
        "type": "规范性文件",
        "drafter": None,
        "published": dt.date(2026, 11, 26),
        "disclosure": "主动公开",
        "slug": SLUG,
        "review": {"reviewer": None, "date": None, "result": "待审"},
        "validity": None,
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
        f"{REL}:12:1: GK010 error review.reviewer（审查人） 还没有填写：请在“reviewer:”后面写上审查人\n"
        f"{REL}:13:1: GK010 error review.date（审查日期） 还没有填写：请在“date:”后面写上审查日期\n"
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
        f"{REL}:4:1: GK103 error 规范性文件必须写明有效性：请补上 validity（至少 effective 施行日期，"
        "有有效期的写 expires）",
        f"{REL}:14:1: GK202 warning 审查结论为“待审”，本文档暂不发布：审查通过后改为“同意公开”",
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
            "#  effective: YYYY-MM-DD": "  effective: 2026-12-01",
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
    new(project, "--column", "财政预决算", "--title", "长春监狱2027年部门预算")

    text = next((project.root / "content/czyjs").glob("*.md")).read_text(encoding="utf-8")
    assert "unit:  # 必填：预决算单位，可选 局本级 | 长春监狱\n" in text
    assert "year:  # 必填：年度\n" in text
    assert "kind:  # 必填：预算或决算，可选 预算 | 决算\n" in text


def test_same_title_twice_gets_a_second_slug_and_serial(project: Project) -> None:
    new(project, "--column", "规范性文件", "--title", TITLE)
    second = new(project, "--column", "规范性文件", "--title", TITLE)

    assert second.stdout == f"content/gfxwj/{SLUG}-2.md\n"
    assert front(project.root / f"content/gfxwj/{SLUG}-2.md")["index_no"] == "013544XXX/2026-00002"


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
