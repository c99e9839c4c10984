"""`python -m gongkai check --fix`: safe fixes in place, printed, idempotent; the rest reported."""

from __future__ import annotations

from sitekit import Project

BODY = """\
2021 年 07 月 05 日印发,请结合实际遵照执行。。

按照国办发[2021]12号文件(试行)要求，其它事项另行通知。

代码 `2021 年,x` 和网址 https://www.gov.cn/a,b.html 不改。
"""
FIXED = """\
2021年7月5日印发，请结合实际遵照执行。

按照国办发〔2021〕12号文件（试行）要求，其它事项另行通知。

代码 `2021 年,x` 和网址 https://www.gov.cn/a,b.html 不改。
"""


REREVIEW = (
    "content/ghjh/a.md:11:1: GK205 warning 审查后内容有改动，须重新审查：字段名称（title）、"
    "正文第1段（第14行）、正文第2段（第16行）有改动，本文档暂不发布：请审查人重新审查后运行 "
    "python -m gongkai review approve content/ghjh/a.md --reviewer 李某\n"
)


def _without_review(stdout: str) -> str:
    assert REREVIEW in stdout
    return stdout.replace(REREVIEW, "")


def test_fix_applies_safe_fixes_prints_them_and_a_second_run_changes_nothing(
    project: Project,
) -> None:
    path = project.doc("ghjh/a.md", BODY, title="关于印发《2021 年工作要点》的通知")
    before = path.read_text(encoding="utf-8")
    result = project.check("--fix", "content/ghjh/a.md")
    assert result.returncode == 0, result.stderr
    # A fixed text is not the text reviewed: the document waits for a new review (GK205).
    assert _without_review(result.stdout) == (
        "content/ghjh/a.md:2:13: GK303 已修正：汉字与数字、字母之间不加空格：把“2021 年”改为“2021年”\n"
        "content/ghjh/a.md:14:1: GK303 已修正：汉字与数字、字母之间不加空格：把“2021 年”改为“2021年”\n"
        "content/ghjh/a.md:14:6: GK303 已修正：汉字与数字、字母之间不加空格：把“年 07”改为“年07”\n"
        "content/ghjh/a.md:14:8: GK303 已修正：汉字与数字、字母之间不加空格：把“07 月”改为“07月”\n"
        "content/ghjh/a.md:14:11: GK303 已修正：汉字与数字、字母之间不加空格：把“月 05”改为“月05”\n"
        "content/ghjh/a.md:14:13: GK303 已修正：汉字与数字、字母之间不加空格：把“05 日”改为“05日”\n"
        "content/ghjh/a.md:14:19: GK302 已修正：中文里应使用全角标点：把半角“,”改为“，”\n"
        "content/ghjh/a.md:14:29: GK307 已修正：标点重复：把“。。”改为“。”\n"
        "content/ghjh/a.md:16:3: GK301 已修正：发文字号应使用六角括号〔〕：把“国办发[2021]12号”改为“国办发〔2021〕12号”\n"
        "content/ghjh/a.md:16:17: GK302 已修正：中文里应使用全角括号：把“(试行)”改为“（试行）”\n"
        "content/ghjh/a.md:14:1: GK305 已修正：日期中的月、日不编虚位：把“2021年07月05日”改为“2021年7月5日”\n"
        "content/ghjh/a.md:16:24: GK311 warning 错别字：“其它”应写作“其他”\n"
    )
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(BODY, FIXED).replace("《2021 年", "《2021年")
    again = project.check("--fix", "content/ghjh/a.md")
    assert _without_review(again.stdout) == (
        "content/ghjh/a.md:16:24: GK311 warning 错别字：“其它”应写作“其他”\n"
    )
    assert again.stderr.startswith("自动修正了 0 处\n")
    assert path.read_text(encoding="utf-8") == after


def test_fix_leaves_disabled_spans_alone(project: Project) -> None:
    body = "<!-- gongkai-disable GK303 -->\n照录：2021 年\n<!-- gongkai-enable GK303 -->\n2022 年\n"
    path = project.doc("ghjh/a.md", body)
    result = project.check("--fix", "content/ghjh")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "content/ghjh/a.md:17:1: GK303 已修正：汉字与数字、字母之间不加空格：把“2022 年”改为“2022年”\n"
    )
    assert path.read_text(encoding="utf-8").endswith(
        "照录：2021 年\n<!-- gongkai-enable GK303 -->\n2022年\n"
    )


def test_severity_of_a_text_rule_is_set_in_gongkai_yml(project: Project) -> None:
    config = project.root / "gongkai.yml"
    config.write_text(config.read_text(encoding="utf-8") + "severity:\n  GK311: error\n", "utf-8")
    project.doc("ghjh/a.md", "其它事项另行通知。\n")
    result = project.check("content/ghjh/a.md")
    assert result.returncode == 1
    assert result.stdout == "content/ghjh/a.md:14:1: GK311 error 错别字：“其它”应写作“其他”\n"


def test_fix_applies_the_body_fixes_to_doc_no_and_a_full_width_colon_in_front_matter(
    project: Project,
) -> None:
    path = project.doc("ghjh/a.md", "正文。\n", doc_no="吉狱发[2021]12号")
    path.write_text(path.read_text(encoding="utf-8").replace("drafter: ", "drafter：", 1), "utf-8")
    result = project.check("--fix", "content/ghjh/a.md")
    assert result.stdout == (
        "content/ghjh/a.md:5:8: GK004 已修正：字段名 drafter 后的全角冒号“：”改为“: ”\n"
        "content/ghjh/a.md:12:9: GK301 已修正：发文字号应使用六角括号〔〕："
        "把“吉狱发[2021]12号”改为“吉狱发〔2021〕12号”\n"
        "content/ghjh/a.md:11:1: GK205 warning 审查后内容有改动，须重新审查：字段发文字号（doc_no）有改动，"
        "本文档暂不发布：请审查人重新审查后运行 python -m gongkai review approve content/ghjh/a.md "
        "--reviewer 李某\n"
    )
    text = path.read_text(encoding="utf-8")
    assert "drafter: 法制处\n" in text and "doc_no: 吉狱发〔2021〕12号\n" in text
    assert result.returncode == 0, result.stderr
