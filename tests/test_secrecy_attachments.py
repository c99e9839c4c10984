"""Personal data in attached PDF, DOCX and XLSX files blocks the document, in a real build."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from openpyxl import Workbook
from sitekit import TODAY, Project, pdf_with_text

from gongkai import engine

ID = "220102199003071235"  # valid MOD 11-2 check character, born 1990-03-07
TAIL = "本文档暂不发布：公开前删去或隐去该号码；确有法定依据公开的，在元数据中写明 pii_basis"


def write_attachments(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mingdan.pdf").write_bytes(pdf_with_text("Name list", f"ID {ID}"))
    document = docx.Document()
    document.add_paragraph("联系人手机：13812345678")
    table = document.add_table(rows=2, cols=2)
    table.cell(1, 1).text = ID
    document.save(str(folder / "mingdan.docx"))
    book = Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet["A1"], sheet["B1"], sheet["C1"] = "姓名", "身份证号", "手机"
    sheet["A2"], sheet["B2"], sheet["C2"] = "张某", ID, 13912345678
    book.save(folder / "mingdan.xlsx")


ATTACHED = [
    {"file": "mingdan.pdf", "title": "名单"},
    {"file": "mingdan.docx", "title": "名单"},
    {"file": "mingdan.xlsx", "title": "名单"},
]


def test_personal_data_in_pdf_docx_and_xlsx_attachments_is_reported_with_its_place(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_attachments(project.root / "content" / "rsxx")
    project.doc("rsxx/gs.md", "名单见附件。\n", type="招考录用", attachments=ATTACHED)
    monkeypatch.setenv("GONGKAI_TODAY", TODAY)
    site = engine.run(project.root)
    found = [(f.rule, f.line, f.message) for f in site.findings if f.rule.startswith("GK21")]
    assert found == [
        ("GK211", 13, f"附件 mingdan.pdf（第1页）中有身份证号码“220102********1235”，{TAIL}"),
        (
            "GK211",
            15,
            f"附件 mingdan.docx（表格1第2行第2列）中有身份证号码“220102********1235”，{TAIL}",
        ),
        ("GK213", 15, f"附件 mingdan.docx（第1段）中有手机号码“138****5678”，{TAIL}"),
        (
            "GK211",
            17,
            f"附件 mingdan.xlsx（工作表“名单”B2）中有身份证号码“220102********1235”，{TAIL}",
        ),
        ("GK213", 17, f"附件 mingdan.xlsx（工作表“名单”C2）中有手机号码“139****5678”，{TAIL}"),
    ]
    assert "rsxx/gs.md" not in site.published


def test_build_withholds_a_document_with_personal_data_unless_pii_basis_is_given(
    project: Project,
) -> None:
    write_attachments(project.root / "content" / "rsxx")
    project.doc("rsxx/gs.md", "名单见附件。\n", type="招考录用", attachments=ATTACHED)
    project.doc(
        "rsxx/jsgs.md",
        "拟假释罪犯身份证号：11010519491231002X。\n",
        index_no="013544XXX/2021-00002",
        type="招考录用",
        pii_basis="《监狱法》第三十二条",
    )
    project.doc(
        "rsxx/yw.md",
        "<!-- gongkai-disable GK303 -->\n照录原文：2021 年\n<!-- gongkai-enable GK303 -->\n",
        index_no="013544XXX/2021-00003",
        type="招考录用",
    )
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    assert not (project.site / "rsxx" / "gs").exists()
    assert not (project.site / "rsxx" / "mingdan.xlsx").exists()
    assert (project.site / "rsxx" / "jsgs" / "index.html").is_file()
    assert (project.site / "rsxx" / "yw" / "index.html").is_file()
    assert (
        "content/rsxx/jsgs.md:15:11: GK211 info 正文中有身份证号码“110105********002X”；"
        "已写明公开依据（《监狱法》第三十二条），仅作提示"
    ) in result.stderr
    assert "GK303" not in result.stderr
