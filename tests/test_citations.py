"""GK110–GK119: 《…》 citations checked against the regulation registry (no network)."""

from __future__ import annotations

import pytest
from sitekit import Project

from gongkai import engine

BODY_LINE = 14  # first body line written by sitekit.markdown (front matter + blank line)
CURRENT = "现行版本为2019年4月3日国务院令第711号公布，自2019年5月15日起施行"
TIAOLI = "《中华人民共和国政府信息公开条例》"


def citation_findings(
    project: Project, body: str, monkeypatch: pytest.MonkeyPatch, today: str = "2026-11-26"
) -> list[str]:
    project.doc("ghjh/a.md", body=body)
    monkeypatch.setenv("GONGKAI_TODAY", today)
    site = engine.run(project.root)
    return [f.text() for f in site.findings if f.rule.startswith("GK11")]


def at(col: int, rest: str, line: int = BODY_LINE) -> str:
    return f"content/ghjh/a.md:{line}:{col}: {rest}"


def test_old_order_number_is_a_warning_naming_the_current_version(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = citation_findings(project, f"依据{TIAOLI}（国务院令第492号）办理。\n", monkeypatch)
    assert found == [
        at(
            21,
            "GK111 warning “国务院令第492号”是《中华人民共和国政府信息公开条例》旧版本的令号："
            f"{CURRENT}，请改为现行版本的令号",
        )
    ]


def test_2007_version_named_by_year_is_a_warning(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = citation_findings(project, f"根据2007年公布的{TIAOLI}制定。\n", monkeypatch)
    assert found == [
        at(
            11,
            "GK111 warning 引用了《中华人民共和国政府信息公开条例》的旧版本（2007年4月5日国务院令第492号公布，"
            f"自2008年5月1日起施行）：{CURRENT}，请按现行版本核对引用",
        )
    ]


def test_fifteen_working_days_under_the_regulation_is_a_warning(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = f"根据{TIAOLI}，本机关应当自收到申请之日起15个工作日内予以答复。\n"
    assert citation_findings(project, body, monkeypatch) == [
        at(
            34,
            "GK111 warning “15个工作日内予以答复”是《中华人民共和国政府信息公开条例》旧版本（国务院令第492号）"
            "的规定；现行条例第三十三条：当场答复或自收到申请之日起20个工作日内答复，延长期限最长不得超过20个工作日："
            "请按现行版本改写",
        )
    ]


@pytest.mark.parametrize(
    "body",
    [
        # the current text's title note names the old order next to the current one
        f"{TIAOLI}（2007年4月5日国务院令第492号公布 2019年4月3日国务院令第711号修订）\n",
        # 15 working days for a third party's opinion is current law (第三十二条)
        f"依据{TIAOLI}，第三方应当自收到征求意见书之日起15个工作日内提出意见。\n",
        # no citation of the regulation: the marker text alone proves nothing
        "请于15个工作日内予以答复。\n",
        f"依据{TIAOLI}（国务院令第711号），20个工作日内予以答复。\n",
        "局机关2021年按照《中华人民共和国政府信息公开条例》开展工作。\n",
    ],
)
def test_current_version_citations_pass(
    project: Project, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    assert citation_findings(project, body, monkeypatch) == []


def test_unknown_national_law_is_a_note_and_rules_or_local_acts_are_not(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "依据《中华人民共和国某某法》《某某管理办法》《吉林省某某条例》《条例》和《监狱法》。\n"
    assert citation_findings(project, body, monkeypatch) == [
        at(
            3,
            "GK112 info 《中华人民共和国某某法》不在法规登记表中（内置登记表为国家法律法规数据库"
            "2025年4月19日的数据）：如是国家法律或行政法规，请在项目根目录的 regulations.yml 中登记其"
            "名称、时效性、现行版本的公布和施行日期及出处（写法见 docs/编辑指南.md“法规登记表”），"
            "以便核对时效",
        )
    ]


OWN = """\
regulations:
- name: 中华人民共和国档案法
  kind: 法律
  status: 已废止
  repealed: 2026-01-01
  repealed_source: 测试
  replaced_by: 中华人民共和国新档案法
  current:
    promulgated: 2020-06-20
    source: 测试
"""


def test_the_project_registry_overrides_an_entry_and_keeps_the_packaged_ones(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project.root / "regulations.yml").write_text(OWN, encoding="utf-8")
    found = citation_findings(project, "依据《档案法》和《监狱法》归档。\n", monkeypatch)
    assert found == [
        at(
            3,
            "GK110 error 《中华人民共和国档案法》已于2026年1月1日废止，由《中华人民共和国新档案法》"
            "取代：请改引《中华人民共和国新档案法》的相应规定",
        )
    ]


def test_citation_of_a_law_repealed_by_the_civil_code_names_the_replacement(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = citation_findings(project, "根据《中华人民共和国合同法》签订合同。\n", monkeypatch)
    assert found == [
        at(
            3,
            "GK110 error 《中华人民共和国合同法》已于2021年1月1日废止，由《中华人民共和国民法典》"
            "取代：请改引《中华人民共和国民法典》的相应规定",
        )
    ]


@pytest.mark.parametrize(
    "body",
    [
        "依照《刑法》《民法典》《刑事诉讼法》《社区矫正法》《中华人民共和国刑法修正案（十一）》处理。\n",
        # a defined short form means what the document defined, not a national law
        "依据《吉林省社区矫正实施细则条例》（以下简称《实施条例》）。《实施条例》第三条规定……\n",
        "香港特别行政区《仲裁条例》和澳门《民事诉讼法典》另有规定。\n",
        "<!-- 参见《中华人民共和国某某法》 -->正文。`《中华人民共和国某某法》`\n",
        # the 附则 of 民法典 (第一千二百六十条) states a repeal: it does not cite the old law
        "本法自2021年1月1日起施行。《中华人民共和国合同法》、《中华人民共和国物权法》同时废止。\n",
    ],
)
def test_short_forms_outside_ordinances_comments_and_repeal_clauses_raise_nothing(
    project: Project, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    assert citation_findings(project, body, monkeypatch) == []


def test_bare_regulation_after_its_full_name_is_that_regulation(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "依据《中华人民共和国治安管理处罚条例》。\n按照《条例》第五条处理。\n"
    found = citation_findings(project, body, monkeypatch)
    assert [f.split(" 《")[0] for f in found] == [
        at(3, "GK110 error"),
        at(3, "GK110 error", BODY_LINE + 1),
    ]


def test_a_name_close_to_a_registered_law_is_a_warning(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = citation_findings(project, "依据《中华人民共和国监狱管理法》。\n", monkeypatch)
    assert found == [
        at(
            3,
            "GK113 warning 《中华人民共和国监狱管理法》不是登记的法律法规名称："
            "是不是《中华人民共和国监狱法》？请核对名称后改正",
        )
    ]


def test_broken_project_registry_is_one_error_and_citation_rules_stand_down(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project.root / "regulations.yml").write_text(
        OWN.replace("    source: 测试\n", "    sauce: 测试\n"), encoding="utf-8"
    )
    found = citation_findings(project, "依据《中华人民共和国某某法》。\n", monkeypatch)
    assert found == [
        "regulations.yml:2:1: GK119 error 《中华人民共和国档案法》：current.source 缺少出处："
        "每个日期都要写明来源（网址或公报期号），请补上 source"
    ]
