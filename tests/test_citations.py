"""GK110–GK119: 《…》 citations checked against the regulation registry (no network)."""

from __future__ import annotations

import shutil

import pytest
from sitekit import Project

from gongkai import engine
from gongkai.registry.laws import packaged_path

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
            "GK112 info 《中华人民共和国某某法》不在法规登记表中：如是国家法律或行政法规，请在 "
            "src/gongkai/data/regulations.yml 登记其现行版本、施行日期和出处，以便核对时效",
        )
    ]


def project_registry(project: Project, old: str, new: str) -> None:
    text = packaged_path().read_text(encoding="utf-8")
    assert old in text
    (project.root / "regulations.yml").write_text(text.replace(old, new, 1), encoding="utf-8")


def test_citation_of_a_repealed_law_is_an_error(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project_registry(
        project,
        "  aliases:\n  - 档案法\n  kind: 法律\n  status: 有效\n",
        "  aliases:\n  - 档案法\n  kind: 法律\n  status: 已废止\n  repealed: 2026-01-01\n"
        "  repealed_source: 测试\n  replaced_by: 中华人民共和国新档案法\n",
    )
    found = citation_findings(project, "依据《档案法》归档。\n", monkeypatch)
    assert found == [
        at(
            3,
            "GK110 error 引用的《中华人民共和国档案法》已于2026年1月1日废止（法规登记表：已废止）："
            "请改引现行的《中华人民共和国新档案法》",
        )
    ]


def test_broken_registry_is_one_error_and_citation_rules_stand_down(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(packaged_path(), project.root / "regulations.yml")
    project_registry(project, "    source: 主席令第九十一号", "    sauce: 主席令第九十一号")
    found = citation_findings(project, "依据《中华人民共和国某某法》。\n", monkeypatch)
    assert len(found) == 1
    assert found[0].startswith("regulations.yml:")
    assert found[0].endswith(
        "GK119 error 《中华人民共和国个人信息保护法》：current.source 缺少出处："
        "每个日期都要写明来源（网址或公报期号），请补上 source"
    )
