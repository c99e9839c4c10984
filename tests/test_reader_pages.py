"""Issue 23, from one real strict MkDocs build of a tiny project: the 咨询留言 page and its links,
the 意见征集 notice before and after `closes`, the 申请表 with its DOCX and PDF, the GB/T 42147
page metadata, 主题分类 pages and the search page's synonym table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest
import yaml
from pagetext import article_text, hrefs
from pypdf import PdfReader
from sitekit import GONGKAI_YML, REPO, new_project

from gongkai.pages.application.form import fee_lines


def flat(page: Path) -> str:
    """The article's text without headings' ¶ and without whitespace (Chinese needs none)."""
    return re.sub(r"\s+", "", article_text(page).replace("¶", ""))


CONTACT = """\
contact:
  mailbox: xxgk@example.gov.cn
  hotline: 12345
  office_hours: 法定工作日上午8时30分至11时30分
  reply: 自收到留言之日起3个月内答复。
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = new_project(tmp_path_factory.mktemp("reader"), GONGKAI_YML + CONTACT)
    p.doc(
        "gfxwj/2022-hj.md",
        type="规范性文件",
        title="罪犯亲属会见管理办法",
        index_no="013544XXX/2022-00003",
        doc_no="吉狱发〔2022〕3号",
        published="2022-02-20",
        topic="狱政管理",
        keywords=["会见", "亲属"],
        validity={"effective": "2022-03-01", "expires": "2027-02-28"},
    )
    p.doc(
        "ghjh/2026-gzyd.md",
        title="工作要点",
        index_no="013544XXX/2026-00001",
        published="2026-03-01",
    )
    solicitation = {"type": "意见征集", "topic": "意见征集"}
    p.doc(
        "yjzj/2026-open.md",
        title="征求意见的公告（征集中）",
        index_no="013544XXX/2026-00010",
        published="2026-11-01",
        opens="2026-11-01",
        closes="2026-12-20",
        **solicitation,
    )
    p.doc(
        "yjzj/2026-done.md",
        title="征求意见的公告（已反馈）",
        index_no="013544XXX/2026-00011",
        published="2026-04-10",
        opens="2026-04-10",
        closes="2026-05-10",
        **solicitation,
    )
    p.doc(
        "yjzj/2026-done-cn.md",
        "共收到意见1条，采纳1条。\n",
        type="采纳情况",
        title="意见采纳情况",
        index_no="013544XXX/2026-00012",
        published="2026-06-01",
        solicitation="013544XXX/2026-00011",
        adopted=1,
        not_adopted=0,
    )
    p.doc(
        "yjzj/2026-late.md",
        title="征求意见的公告（已结束）",
        index_no="013544XXX/2026-00013",
        published="2026-11-02",
        opens="2026-11-02",
        closes="2026-11-20",
        **solicitation,
    )
    result = p.build("--strict")
    assert result.returncode == 0, result.stderr
    return p.site


def test_contact_page_says_only_what_gongkai_yml_configures(site: Path) -> None:
    text = flat(site / "zxly" / "index.html")
    assert text == (
        "咨询留言向本局咨询、提出意见建议，可以通过以下方式："
        "电子邮件：xxgk@example.gov.cn政务服务便民热线：12345"
        "受理时间法定工作日上午8时30分至11时30分"
        "答复时限自收到留言之日起3个月内答复。"
        "其他事项本站是信息公开专栏，不能直接接收留言。申请获取政府信息，请使用政府信息公开申请表；"
        "对公开征求意见的文件提出意见，请按意见征集中各篇公告写明的方式提交。"
    )
    links = hrefs(site / "zxly" / "index.html")
    assert "mailto:xxgk@example.gov.cn" in links and "tel:12345" in links


def test_every_page_footer_and_the_interaction_columns_link_the_contact_page(site: Path) -> None:
    for page, up in [("index.html", ""), ("gfxwj/2022-hj/index.html", "../../")]:
        assert f"{up}zxly/" in hrefs(site / page), page
    for column in ("hygq", "yjzj"):
        assert "向本局咨询或者提出意见建议：咨询留言" in flat(site / column / "index.html")
        assert "../zxly/" in hrefs(site / column / "index.html")
    assert "向本局咨询" not in flat(site / "ghjh" / "index.html")


def test_without_a_channel_check_warns_and_the_page_invents_none(tmp_path: Path) -> None:
    p = new_project(tmp_path)
    p.doc(
        "ghjh/2026-gzyd.md",
        title="工作要点",
        index_no="013544XXX/2026-00001",
        published="2026-03-01",
    )
    out = (
        p.check().stdout.splitlines()
    )  # a finding on gongkai.yml: reported when no path narrows it
    assert (
        "gongkai.yml:1:1: GK550 warning 没有配置咨询留言渠道，“咨询留言”页面只能列出热线和受理时间："
        "请在 contact 下写明本局留言系统的网址（message_url）或接收留言的电子邮箱（mailbox）"
    ) in out
    assert p.build("--strict").returncode == 0
    assert flat(p.site / "zxly" / "index.html").startswith(
        "咨询留言本局尚未公布网上咨询留言的方式，请通过页面底部的通信地址或电话联系。其他事项"
    )


def test_a_solicitation_shows_how_to_submit_until_it_closes_then_its_adoption(site: Path) -> None:
    def notice(slug: str) -> str:
        page = (site / "yjzj" / slug / "index.html").read_text(encoding="utf-8")
        found = re.search(r'<div class="gk-solicit".*?</div>', page, re.S)
        assert found, slug
        return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", found.group(0)))

    assert notice("2026-open") == (
        "征集中征集时间：2026年11月1日至2026年12月20日。请在2026年12月20日前提出意见："
        "电子邮件：xxgk@example.gov.cn；或按本公告写明的方式提交书面意见。其他联系方式见咨询留言。"
    )
    assert notice("2026-done") == "已反馈征集已于2026年5月10日结束。意见采纳情况：意见采纳情况"
    assert "../2026-done-cn/" in hrefs(site / "yjzj" / "2026-done" / "index.html")
    assert notice("2026-late") == "已结束征集已于2026年11月20日结束，意见采纳情况将在本栏目公布。"


def _metas(page: Path) -> dict[str, str]:
    html = page.read_text(encoding="utf-8")
    return dict(re.findall(r'<meta name="([A-Z]\w+)" content="([^"]*)">', html))


SITE_META = {
    "SiteName": "吉林省监狱管理局政府信息公开专栏",
    "SiteDomain": "example.gov.cn",
    "SiteIDCode": None,  # the tiny project configures no 网站标识码: absent, not empty
    "Description": "吉林省监狱管理局依法主动公开的政府信息",
}


def _site_meta(url: str) -> dict[str, str]:
    out = {k: v for k, v in SITE_META.items() if v is not None}
    return out | {"Url": f"https://example.gov.cn/xxgk/{url}"}


def test_gbt_42147_meta_of_a_document_a_listing_and_the_home_page(site: Path) -> None:
    assert _metas(site / "gfxwj" / "2022-hj" / "index.html") == _site_meta("gfxwj/2022-hj/") | {
        "ColumnName": "规范性文件",
        "ColumnType": "政务公开",
        "ArticleTitle": "罪犯亲属会见管理办法",
        "PubDate": "2022-02-20",
        "ContentSource": "吉林省监狱管理局",
        "Keywords": "会见,亲属",
    }
    assert _metas(site / "gfxwj" / "index.html") == _site_meta("gfxwj/") | {
        "ColumnName": "规范性文件",
        "ColumnType": "政务公开",
    }
    assert _metas(site / "index.html") == _site_meta("")
    assert _metas(site / "zxly" / "index.html")["ColumnType"] == "互动交流"
    # a document without keywords has no Keywords meta at all
    assert "Keywords" not in _metas(site / "ghjh" / "2026-gzyd" / "index.html")


def test_site_id_code_comes_from_gongkai_yml(tmp_path: Path) -> None:
    p = new_project(tmp_path, GONGKAI_YML.replace("site:\n", 'site:\n  site_code: "2200000000"\n'))
    p.doc(
        "ghjh/2026-gzyd.md",
        title="工作要点",
        index_no="013544XXX/2026-00001",
        published="2026-03-01",
    )
    assert p.build("--strict").returncode == 0
    assert _metas(p.site / "ghjh" / "2026-gzyd" / "index.html")["SiteIDCode"] == "2200000000"


def test_a_page_per_topic_linked_from_the_metadata_block_and_an_index(site: Path) -> None:
    doc = site / "gfxwj" / "2022-hj" / "index.html"
    assert '<td><a href="../../zt/yu-zheng-guan-li/">狱政管理</a></td>' in doc.read_text("utf-8")
    assert flat(site / "zt" / "yu-zheng-guan-li" / "index.html") == (
        "主题分类：狱政管理共1条，按发布日期从新到旧排列。全部主题分类"
        "名称栏目发文字号发布日期罪犯亲属会见管理办法规范性文件吉狱发〔2022〕3号2022年2月20日"
    )
    assert flat(site / "zt" / "index.html") == (
        "主题分类按文件的主题分类浏览已公开的信息。意见征集（3条）狱政管理（1条）"
    )


def test_application_page_has_the_fields_of_article_29_and_the_fee_rules(site: Path) -> None:
    text = flat(site / "zfxxgkzn" / "sqb" / "index.html")
    for field in ("姓名", "证件号码", "联系电话", "通信地址", "名称", "统一社会信用代码"):
        assert field in text, field
    for field in ("所需政府信息的名称", "文号", "便于查询的其他特征性描述"):
        assert field in text, field
    assert "提供形式□纸质文本□电子文件获取方式□邮寄□电子邮件□当面领取" in text
    for line in fee_lines():  # the calculator's data (data/fees.yml), tier by tier
        assert line.replace(" ", "") in text, line
    assert "11～30件100元/件；31件以上每增加10件，标准提高100元/件" in text
    links = hrefs(site / "zfxxgkzn" / "sqb" / "index.html")
    assert "../sqb.docx" in links and "../sqb.pdf" in links


def test_docx_and_pdf_are_made_from_the_same_grid(site: Path) -> None:
    document = docx.Document(str(site / "zfxxgkzn" / "sqb.docx"))
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    paragraphs = [p.text for p in document.paragraphs]
    pdf = PdfReader(site / "zfxxgkzn" / "sqb.pdf")
    pdf_text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    for field in ("申请人类型", "证件号码", "统一社会信用代码", "所需政府信息的名称", "获取方式"):
        assert field in cells, field
        assert field in pdf_text, field
    for line in fee_lines():
        assert line in paragraphs
        assert line in pdf_text
    width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4, in mm


def test_search_page_carries_the_synonym_table(site: Path) -> None:
    html = (site / "search" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="gk-synonyms">(.*?)</script>', html)
    assert found
    data = yaml.safe_load((REPO / "src" / "gongkai" / "data" / "synonyms.yml").read_text("utf-8"))
    assert json.loads(found.group(1)) == data["groups"]
    assert ["会见", "探视"] in data["groups"]


def test_generated_files_are_scanned_like_attachments_and_withheld_on_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai import engine
    from gongkai.pages.application import files

    monkeypatch.setenv("GONGKAI_TODAY", "2026-11-26")
    (tmp_path / "p").mkdir()
    project = new_project(tmp_path / "p")
    site_dir = tmp_path / "site" / "zfxxgkzn"
    site_dir.mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("联系人身份证号34052419800101001X")
    document.save(str(site_dir / "sqb.docx"))
    found = files.scan(engine.run(project.root), tmp_path / "site")
    assert [f.text() for f in found] == [
        "src/gongkai/data/application.yml:1:1: GK398 error 申请表 PDF 没有生成：找不到中文字体"
        "（文泉驿微米黑等）：请运行 bash scripts/system-deps.sh 安装 fonts-wqy-microhei 后重新构建",
        "src/gongkai/data/application.yml:1:1: GK211 warning 申请表 sqb.docx（第1段）有身份证号码"
        "“340524********001X”，不发布：请从申请表的数据中删去",
    ]
    assert not (site_dir / "sqb.docx").exists()
