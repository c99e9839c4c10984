"""`python -m gongkai report validity`: expired, expiring, contradictions, dangling references."""

from __future__ import annotations

import json

from sitekit import Project, run


def editors_site(project: Project) -> None:
    project.doc(
        "gfxwj/old.md",
        title="旧办法",
        type="规范性文件",
        validity={"expires": "2026-06-30", "replaced_by": "013544XXX/2026-00002"},
    )
    project.doc(
        "gfxwj/new.md",
        title="新办法",
        type="规范性文件",
        index_no="013544XXX/2026-00002",
        published="2026-06-20",
        validity={"effective": "2026-07-01", "expires": "2027-01-31"},
    )
    project.doc(
        "gfxwj/wrong.md",
        title="标错的办法",
        type="规范性文件",
        index_no="013544XXX/2026-00003",
        validity={"expires": "2025-12-31", "status": "有效"},
    )
    project.doc(
        "zcjd/jd.md",
        title="解读",
        type="政策解读",
        index_no="013544XXX/2026-00004",
        interprets="013544XXX/2026-09999",
    )


def report(project: Project, fmt: str) -> tuple[int, str]:
    result = run(
        ["-m", "gongkai", "report", "validity", "--format", fmt], project.root, "2026-11-26"
    )
    assert result.stderr == ""
    return result.returncode, result.stdout


def test_text_report_lists_the_four_kinds(project: Project) -> None:
    editors_site(project)
    code, out = report(project, "text")
    assert code == 1  # contradictions and dangling references need fixing
    assert out == (
        "有效性报告（截至 2026-11-26）\n"
        "\n已失效或废止（2）\n"
        "content/gfxwj/old.md: 《旧办法》自 2026-07-01 起失效；替代文件：《新办法》\n"
        "content/gfxwj/wrong.md: 《标错的办法》自 2026-01-01 起失效\n"
        "\n90 天内到期（1）\n"
        "content/gfxwj/new.md: 《新办法》有效期至 2027-01-31，还有 66 天\n"
        "\n有效性状态与日期矛盾（1）\n"
        "content/gfxwj/wrong.md:14:1: GK105 warning 有效性写的是“有效”，但按日期截至 2026-11-26 应为“失效”："
        "请改为 status: 失效，或删去 status 由系统推算\n"
        "\n引用的文档不存在（1）\n"
        "content/zcjd/jd.md:12:1: GK102 error interprets 指向的索引号 013544XXX/2026-09999 没有对应的文档："
        "请核对索引号\n"
        "\n引用的法律法规已废止或为旧版本（0）\n无\n"
    )


def test_json_and_markdown_reports_carry_the_same_lists(project: Project) -> None:
    editors_site(project)
    code, out = report(project, "json")
    data = json.loads(out)
    assert code == 1
    assert [e["path"] for e in data["ended"]] == ["content/gfxwj/old.md", "content/gfxwj/wrong.md"]
    assert data["expiring"] == [
        {"path": "content/gfxwj/new.md", "title": "新办法", "expires": "2027-01-31", "days": 66}
    ]
    assert [f["rule"] for f in data["contradictions"] + data["dangling"]] == ["GK105", "GK102"]
    code, out = report(project, "markdown")
    assert "| content/gfxwj/new.md | 新办法 | 2027-01-31 | 66 |" in out.splitlines()
    assert "## 引用的文档不存在（1）" in out.splitlines()


def test_clean_site_reports_nothing_to_fix(project: Project) -> None:
    project.doc("gfxwj/a.md", type="规范性文件", validity={"effective": "2021-07-05"})
    code, out = report(project, "text")
    assert code == 0
    assert "已失效或废止（0）\n无\n" in out
