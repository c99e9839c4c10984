"""Real builds: banners, JSON-LD legal force and the statistics page follow the build day."""

from __future__ import annotations

import json
import re

from sitekit import Project


def page(project: Project, url: str) -> str:
    return (project.site / url / "index.html").read_text(encoding="utf-8")


def jsonld(html: str) -> dict:
    m = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert m, "no JSON-LD on the page"
    return json.loads(m[1])


def banner(html: str) -> str:
    m = re.search(r'<div class="gk-banner.*?</div>', html, re.S)
    return re.sub(r"\s+", " ", m[0]) if m else ""


def regulations(project: Project) -> None:
    project.doc(
        "gfxwj/old.md",
        title="会见管理办法（试行）",
        type="规范性文件",
        doc_no="吉狱发〔2021〕3号",
        validity={"effective": "2021-08-01", "expires": "2024-02-29"},
    )
    project.doc(
        "gfxwj/later.md",
        title="探视管理办法",
        type="规范性文件",
        index_no="013544XXX/2024-00001",
        published="2024-02-20",
        validity={"effective": "2024-03-15", "amended_by": ["013544XXX/2024-00002"]},
    )
    project.doc(
        "gfxwj/change.md",
        title="关于修改探视管理办法的决定",
        type="规范性文件",
        index_no="013544XXX/2024-00002",
        published="2024-02-21",
        validity={"effective": "2024-03-15"},
    )


def test_rebuild_before_and_after_expiry_flips_banner_and_legal_force(project: Project) -> None:
    regulations(project)
    assert project.build(today="2024-02-29").returncode == 0
    old = page(project, "gfxwj/old")
    assert banner(old) == ""
    data = jsonld(old)
    assert data["@type"] == "Legislation"
    assert data["legislationLegalForce"] == "https://schema.org/InForce"
    assert data["legislationIdentifier"] == "吉狱发〔2021〕3号"
    assert data["expires"] == "2024-02-29"
    assert "本文件尚未生效，自2024年3月15日起施行" in banner(page(project, "gfxwj/later"))
    assert jsonld(page(project, "gfxwj/later"))["legislationLegalForce"] == (
        "https://schema.org/NotInForce"
    )

    assert project.build(today="2024-03-01").returncode == 0
    old = page(project, "gfxwj/old")
    assert "<strong>失效</strong> 本文件已于2024年2月29日失效" in banner(old)
    assert jsonld(old)["legislationLegalForce"] == "https://schema.org/NotInForce"

    assert project.build(today="2024-03-15").returncode == 0
    later = page(project, "gfxwj/later")
    assert "<strong>已修改</strong> 本文件已被修改，请同时阅读修改文件：" in banner(later)
    assert 'href="../change/">《关于修改探视管理办法的决定》</a>' in banner(later)
    assert jsonld(later)["legislationLegalForce"] == "https://schema.org/InForce"
    assert re.search(
        r"所修改的文件</h2>\s*<ul>\s*<li><a href=\"../later/\">探视管理办法<",
        page(project, "gfxwj/change"),
    )
    # only 规范性文件 carry Legislation JSON-LD
    listing = page(project, "gfxwj")
    assert "application/ld+json" not in listing
    assert 'href="statistics/">规范性文件统计：本年制发、本年废止、现行有效</a>' in listing
    stats = re.sub(r"\s+", "", page(project, "gfxwj/statistics"))
    assert (
        "<tr><td>2024年（截至今日）</td>"
        '<tdclass="gk-num">2</td><tdclass="gk-num">1</td><tdclass="gk-num">2</td></tr>'
    ) in stats
    assert (
        '<tr><td>2021年</td><tdclass="gk-num">1</td><tdclass="gk-num">0</td><tdclass="gk-num">1</td></tr>'
    ) in stats
