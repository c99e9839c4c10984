"""GK0xx: every malformed thing an editor can commit yields one clear Chinese finding with a line."""

from __future__ import annotations

import pytest
from sitekit import TODAY, Project

from gongkai import engine


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", TODAY)


def lines(project: Project) -> list[str]:
    """Findings about files; column-level ones (an empty column in a tiny project) are not asked."""
    return [f.text() for f in engine.run(project.root).findings if f.path.endswith(".md")]


def test_valid_document_has_no_findings(project: Project) -> None:
    project.doc("ghjh/a.md")
    assert lines(project) == []


def test_invalid_yaml_reports_the_line(project: Project) -> None:
    project.write("ghjh/a.md", "---\ntitle: 通知\ntype: 工作要点\n  drafter: 法制处\n---\n正文\n")
    assert lines(project) == [
        "content/ghjh/a.md:4:10: GK004 error "
        '元数据 YAML 语法错误：这一行多了一个半角冒号“:”：值里有冒号时把整个值加英文双引号，如 title: "关于: ……的通知"；是缩进多了的，把字段顶格写'
    ]


def test_list_where_a_date_belongs(project: Project) -> None:
    text = project.doc("ghjh/a.md").read_text(encoding="utf-8")
    project.write("ghjh/a.md", text.replace("published: '2021-07-05'", "published: [2021, 7, 5]"))
    assert lines(project) == [
        "content/ghjh/a.md:6:1: GK013 error published（发布日期） 的值“[2021, 7, 5]”不是有效日期："
        "请写成 YYYY-MM-DD，例如 2021-07-05"
    ]


def test_chinese_date_is_a_bad_date(project: Project) -> None:
    project.doc("ghjh/a.md", written="2021年7月5日")
    assert lines(project) == [
        "content/ghjh/a.md:12:1: GK013 error written（成文日期） 的值“2021年7月5日”不是有效日期："
        "请写成 YYYY-MM-DD，例如 2021-07-05"
    ]


def test_misspelt_key_gets_did_you_mean(project: Project) -> None:
    project.doc("ghjh/a.md", publised="2021-07-05")
    assert lines(project) == [
        "content/ghjh/a.md:12:1: GK011 error 未知字段 publised，是不是要写 published？"
    ]


def test_misspelt_nested_key_gets_did_you_mean(project: Project) -> None:
    review = {"reviewer": "李某", "date": "2021-07-05", "reslt": "同意公开"}
    project.doc("ghjh/a.md", review=review)
    assert lines(project) == [
        "content/ghjh/a.md:8:1: GK010 error 缺少必填字段 review.result（审查结论）：请补上“result: …”",
        "content/ghjh/a.md:11:1: GK011 error 未知字段 reslt，是不是要写 result？",
    ]


def test_missing_required_field(project: Project) -> None:
    project.doc("ghjh/a.md", drafter=None)
    assert lines(project) == [
        "content/ghjh/a.md:1:1: GK010 error 缺少必填字段 drafter（起草部门）：请补上“drafter: …”"
    ]


def test_value_outside_closed_list(project: Project) -> None:
    project.doc("ghjh/a.md", disclosure="公开")
    assert lines(project) == [
        "content/ghjh/a.md:7:1: GK012 error disclosure（公开属性） 的值“公开”不在可选范围内："
        "应为 主动公开, 依申请公开, 不予公开 之一"
    ]


def test_unknown_column(project: Project) -> None:
    project.doc("abc/a.md")
    found = lines(project)
    assert len(found) == 1
    assert found[0].startswith(
        "content/abc/a.md:1:1: GK021 error 文档不在任何栏目的文件夹中：请移到 content/<栏目>/ 下，"
        "栏目有 zfxxgkzn（政府信息公开指南）、"
    )


def test_duplicate_index_no_names_the_first_file(project: Project) -> None:
    project.doc("ghjh/a.md")
    project.doc("ghjh/b.md", title="另一个通知")
    assert lines(project) == [
        "content/ghjh/b.md:3:1: GK016 error 索引号 013544XXX/2021-00001 已被 content/ghjh/a.md 使用："
        "索引号必须唯一，请改用新的顺序号"
    ]


def test_index_no_format(project: Project) -> None:
    project.doc("ghjh/a.md", index_no="013544XXX-2021-12")
    assert lines(project) == [
        "content/ghjh/a.md:3:1: GK015 error 索引号“013544XXX-2021-12”格式不对："
        "应为“前段码/年份-顺序号”，例如 013544XXX/2021-00012"
    ]


def test_doc_no_format_suggests_the_right_form(project: Project) -> None:
    project.doc("ghjh/a.md", doc_no="吉狱发[2021]第012号")
    assert lines(project) == [
        "content/ghjh/a.md:12:1: GK017 error 发文字号“吉狱发[2021]第012号”格式不对："
        "应为 机关代字〔年份〕序号号，用六角括号、不加“第”、序号不补零，例如“吉狱发〔2021〕12号”"
    ]


def test_duplicate_doc_no(project: Project) -> None:
    project.doc("ghjh/a.md", doc_no="吉狱发〔2021〕12号")
    project.doc("ghjh/b.md", index_no="013544XXX/2021-00002", doc_no="吉狱发〔2021〕12号")
    assert lines(project) == [
        "content/ghjh/b.md:12:1: GK018 error 发文字号 吉狱发〔2021〕12号 已在 content/ghjh/a.md 中使用："
        "请核对原件，同一文件只发布一次"
    ]


def test_published_before_written(project: Project) -> None:
    project.doc("ghjh/a.md", written="2021-07-06")
    assert lines(project) == [
        "content/ghjh/a.md:6:1: GK019 error 发布日期 2021-07-05 早于成文日期 2021-07-06：请核对两个日期"
    ]


def test_date_in_the_future(project: Project) -> None:
    review = {"reviewer": "李某", "date": "2021-07-05", "result": "同意公开"}
    project.doc("ghjh/a.md", published="2027-01-04", review=review)
    assert lines(project) == [
        "content/ghjh/a.md:6:1: GK020 error published 是 2027-01-04，晚于今天（2026-11-26）："
        "请写实际日期，或到那一天再提交"
    ]


def test_file_that_is_not_utf8(project: Project) -> None:
    project.write("ghjh/a.md", "---\ntitle: 通知\n---\n正文\n".encode("gbk"))
    assert lines(project) == [
        "content/ghjh/a.md:2:1: GK001 error 文件不是 UTF-8 编码：请在编辑器中以 UTF-8 编码另存"
    ]


def test_empty_file(project: Project) -> None:
    project.write("ghjh/a.md", "\n  \n")
    assert lines(project) == [
        "content/ghjh/a.md:1:1: GK002 error 文件是空的：请写上元数据和正文，或删除该文件"
    ]


def test_page_without_front_matter_block(project: Project) -> None:
    project.write("ghjh/a.md", "说明: 本文件自印发之日起施行\n\n正文\n")
    assert lines(project) == [
        "content/ghjh/a.md:1:1: GK003 error 文件必须以元数据块开始：第一行应为 ---，"
        "写完 title 等字段后再以 --- 结束"
    ]


def test_unclosed_front_matter_block(project: Project) -> None:
    project.write("ghjh/a.md", "---\ntitle: 通知\n\n正文\n")
    assert lines(project) == [
        "content/ghjh/a.md:1:1: GK003 error 元数据块没有结束：请在最后一个字段之后单独写一行 ---"
    ]


def test_duplicate_key(project: Project) -> None:
    text = project.doc("ghjh/a.md").read_text(encoding="utf-8")
    project.write(
        "ghjh/a.md", text.replace("drafter: 法制处\n", "drafter: 法制处\ndrafter: 办公室\n")
    )
    assert lines(project) == [
        "content/ghjh/a.md:6:1: GK006 error 字段 drafter 重复出现：只保留一个"
    ]


def test_type_not_allowed_in_column_is_mixed_content(project: Project) -> None:
    project.doc("gfxwj/a.md", type="工作动态")
    assert lines(project) == [
        "content/gfxwj/a.md:4:1: GK501 error 信息类别“工作动态”不属于“规范性文件”栏目（内容混杂）："
        "应放在 content/ywgk/（狱务公开）"
    ]


def test_url_collision_names_both_files(project: Project) -> None:
    project.doc("ghjh/a.md", slug="gzyd")
    project.doc("ghjh/b.md", slug="gzyd", index_no="013544XXX/2021-00002")
    assert lines(project) == [
        "content/ghjh/b.md:12:1: GK024 error 网址 /ghjh/gzyd/ 与 content/ghjh/a.md 相同："
        "请在元数据中写一个不同的 slug"
    ]


def test_column_specific_fields_are_required(project: Project) -> None:
    project.doc("czyjs/a.md", type="财政预决算", unit="市本级", year=2021)
    assert lines(project) == [
        "content/czyjs/a.md:1:1: GK502 error “财政预决算”栏目的文档必须写 kind：请补上“kind: …”",
        "content/czyjs/a.md:12:1: GK502 error 单位“市本级”不在站点的单位名单中：应为 局本级、长春监狱 之一",
    ]


def test_one_bad_document_does_not_hide_the_others(project: Project) -> None:
    project.write("ghjh/bad.md", "---\ntitle: [\n---\n")
    project.doc("ghjh/good.md")
    site = engine.run(project.root)
    assert site.published == {"ghjh/good.md"}
    assert [f.rule for f in site.findings if f.path.endswith(".md")] == ["GK004"]


def test_same_index_no_in_two_columns_is_reported_once_as_mixed_content(project: Project) -> None:
    project.doc("ghjh/a.md")
    project.doc("tjxx/b.md", type="统计信息", title="另一篇")
    found = lines(project)
    assert [f.split(": ")[1].split(" ")[0] for f in found] == ["GK504"]
    assert found[0].startswith("content/tjxx/b.md:3:1: GK504 error 索引号 013544XXX/2021-00001")


@pytest.mark.parametrize(
    ("front", "where", "message"),
    [
        (
            "title: 通知\ntype：工作要点\n",
            "3:5",
            "字段名 type 后面用了全角冒号“：”：请改为半角冒号加一个空格，写成“type: 值”",
        ),
        (
            "title: 通知\nreview:\n\treviewer: 李某\n",
            "4:1",
            "行首用了 Tab 字符缩进：YAML 只能用空格缩进，请把 Tab 改为两个空格",
        ),
        (
            "title:通知\ntype: 工作要点\n  x: 1\n",
            "2:6",
            "字段名 title 后的冒号“:”后面缺少空格：请写成“title: 值”",
        ),
        (
            "title: 通知\ntype 工作要点\ndrafter: 法制处\n",
            "3:1",
            "这一行缺少半角冒号“:”：写成“字段名: 值”，冒号后加一个空格",
        ),
        (
            "keywords: [会见, 通知\ntitle: 通知\n",
            "3:6",
            "方括号“[”没有对应的“]”：在列表末尾补上“]”，如 [会见, 通知]",
        ),
        ('title: "通知\n', "3:1", "引号没有闭合：在值的末尾补上与开头相同的引号"),
    ],
)
def test_yaml_slip_names_the_character_and_what_to_write(
    project: Project, front: str, where: str, message: str
) -> None:
    project.write("ghjh/a.md", f"---\n{front}---\n正文\n")
    assert lines(project) == [
        f"content/ghjh/a.md:{where}: GK004 error 元数据 YAML 语法错误：{message}"
    ]
