"""Examples are examples, documents are documents: only listed files are 示例, and `check` says so
while they, or the placeholder facts of gongkai.yml, would be published (GK541, GK542)."""

from __future__ import annotations

from sitekit import GONGKAI_YML, Project


def _with_examples(project: Project, *files: str) -> None:
    listed = "".join(f'  - "{f}"\n' for f in files)
    (project.root / "gongkai.yml").write_text(f"{GONGKAI_YML}examples:\n{listed}", "utf-8")


def test_only_listed_files_are_marked_as_examples(project: Project) -> None:
    _with_examples(project, "ghjh/shili.md")
    project.doc("ghjh/shili.md", title="示例工作要点")
    project.doc("ghjh/zhengshi.md", index_no="013544XXX/2021-00002", title="正式工作要点")

    result = project.build()

    assert result.returncode == 0, result.stderr
    marker = "示例文档：本页内容用于演示专栏功能"
    assert marker in (project.site / "ghjh/shili/index.html").read_text(encoding="utf-8")
    assert marker not in (project.site / "ghjh/zhengshi/index.html").read_text(encoding="utf-8")
    listing = (project.site / "ghjh/index.html").read_text(encoding="utf-8")
    assert "示例工作要点（示例）" in listing and "正式工作要点（示例）" not in listing


def test_check_warns_once_while_examples_and_placeholder_facts_would_be_published(
    project: Project,
) -> None:
    _with_examples(project, "ghjh/a.md", "ghjh/b.md")
    project.doc("ghjh/a.md")
    project.doc("ghjh/b.md", index_no="013544XXX/2021-00002")

    result = project.check("content")

    assert result.returncode == 0
    assert [line for line in result.stdout.splitlines() if " GK54" in line] == [
        "gongkai.yml:2:1: GK542 warning 网站将显示示例信息：org_code“013544XXX”、"
        "site.phone“0431-00000000”：正式上线前请在 gongkai.yml 改为本局的真实信息"
        "（改 org_code 时，已有文档的索引号前段一并替换）",
        "gongkai.yml:11:1: GK541 warning 将发布 2 篇示例文档（content/ghjh/a.md、content/ghjh/b.md）："
        "它们不是正式的政府信息，正式上线前请删除这些文件并删去 gongkai.yml 的 examples"
        "（见编辑指南“正式上线”）",
    ]


def test_going_live_leaves_nothing_to_warn_about(project: Project) -> None:
    live = GONGKAI_YML.replace("013544XXX", "11220000013544567X").replace(
        "0431-00000000", "0431-88888888"
    )
    (project.root / "gongkai.yml").write_text(live, "utf-8")
    project.doc("ghjh/a.md", index_no="11220000013544567X/2021-00001")

    result = project.check()

    assert " GK54" not in result.stdout


def test_a_pattern_in_examples_cannot_run(project: Project) -> None:
    _with_examples(project, "*/*.md")

    result = project.check()

    assert result.returncode == 2
    assert result.stderr == (
        f"gongkai: {project.root / 'gongkai.yml'}: examples 中的“*/*.md”是通配符："
        "请逐个列出示例文件（如 gfxwj/2022-hjglbf.md），通配符会把编辑新写的正式文档也标成“示例文档”\n"
    )
