"""The regulation registry: every date has a source, imports merge and report what changed."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sitekit import Project, run

from gongkai.registry.laws import RegistryError, load, packaged_path, parse

DATABASE = Path(__file__).parents[1] / "../shared/data/lawrefbook-laws-2025-04-19.sqlite3"
NEEDS_DATABASE = pytest.mark.skipif(not DATABASE.is_file(), reason="../shared/data is not here")
LAWS = "SELECT name FROM law WHERE level IN ('法律', '行政法规')"

ISSUE_LAWS = [
    "中华人民共和国政府信息公开条例",
    "中华人民共和国监狱法",
    "中华人民共和国保守国家秘密法",
    "中华人民共和国保守国家秘密法实施条例",
    "中华人民共和国个人信息保护法",
    "中华人民共和国预算法",
    "中华人民共和国政府采购法",
    "中华人民共和国政府采购法实施条例",
    "中华人民共和国招标投标法",
    "中华人民共和国招标投标法实施条例",
    "中华人民共和国行政复议法",
    "中华人民共和国行政诉讼法",
    "中华人民共和国档案法",
    "重大行政决策程序暂行条例",
    "政府信息公开信息处理费管理办法",
]


@NEEDS_DATABASE
def test_packaged_registry_holds_every_law_and_regulation_of_the_database() -> None:
    registry = load(packaged_path())
    assert [e.name for e in registry.entries[: len(ISSUE_LAWS)]] == ISSUE_LAWS  # hand-verified
    assert str(registry.data_date) == "2025-04-19"
    with sqlite3.connect(DATABASE) as db:
        names = [n.split()[0] for (n,) in db.execute(LAWS)]
    assert len(set(names)) == 959  # 966 names, the 8 编 of 民法典 being one law
    assert [n for n in names if registry.find(n) is None] == []
    hetong = registry.find("合同法")
    assert hetong is not None
    assert (hetong.status, str(hetong.repealed), hetong.replaced_by) == (
        "已废止",
        "2021-01-01",
        "中华人民共和国民法典",
    )
    # A text that repeals its own earlier version (2005 信访条例: “1995年…《信访条例》同时废止”)
    # repeals no law of that name: the 1997 契税暂行条例 was repealed by 契税法, not by itself.
    assert [e.name for e in registry.entries if e.replaced_by in e.names()] == []
    qishui = registry.find("契税暂行条例")
    assert qishui is not None
    assert (str(qishui.repealed), qishui.replaced_by) == ("2021-09-01", "中华人民共和国契税法")
    xinfang = registry.find("信访条例")
    assert xinfang is not None and (xinfang.status, xinfang.repealed) == ("已废止", None)
    tiaoli = registry.find("政府信息公开条例")
    assert tiaoli is not None
    assert (tiaoli.current.order, str(tiaoli.current.effective)) == (
        "国务院令第711号",
        "2019-05-15",
    )
    assert [v.order for v in tiaoli.superseded] == ["国务院令第492号"]
    assert all(e.confirmed or e.note for e in registry.entries)


@NEEDS_DATABASE
def test_packaged_registry_is_what_the_documented_import_command_writes(tmp_path: Path) -> None:
    """README's command, run on the committed registry, changes nothing: it is reproducible."""
    target = tmp_path / "regulations.yml"
    shutil.copy(packaged_path(), target)
    texts = DATABASE.parent.parent / "corpus" / "lawrefbook"
    done = subprocess.run(
        [sys.executable, "-m", "gongkai", "registry", "import", str(DATABASE), "--texts",
         str(texts), "--registry", str(target), "--dry-run"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout == f"法规登记表 {target} 没有变化（导出文件 1276 行）\n"


ENTRY = """\
regulations:
- name: 中华人民共和国某某法
  kind: 法律
  status: 有效
  current:
    promulgated: 2020-01-01
    effective: 2020-03-01
{extra}"""


def test_entry_without_a_source_is_rejected() -> None:
    with pytest.raises(RegistryError) as e:
        parse(ENTRY.format(extra=""), Path("regulations.yml"))
    assert str(e.value) == (
        "regulations.yml:2: 《中华人民共和国某某法》：current.source 缺少出处："
        "每个日期都要写明来源（网址或公报期号），请补上 source"
    )


def test_unconfirmed_entry_must_say_why() -> None:
    text = ENTRY.format(extra="    source: 某某公报\n  confirmed: false\n")
    with pytest.raises(RegistryError) as e:
        parse(text, Path("regulations.yml"))
    assert str(e.value) == (
        "regulations.yml:2: 《中华人民共和国某某法》：confirmed: false 的条目必须在 note 中说明哪些内容未能核实"
    )


def cli(project: Project, *args: str) -> tuple[int, str, str]:
    result = run(["-m", "gongkai", *args], project.root, "2026-11-26")
    return result.returncode, result.stdout, result.stderr


def test_import_updates_a_status_and_the_next_check_reports_the_repealed_citation(
    project: Project,
) -> None:
    (project.root / "regulations.yml").write_text(
        packaged_path().read_text(encoding="utf-8"), encoding="utf-8"
    )
    project.doc("ghjh/a.md", body="依据《中华人民共和国档案法》归档。\n")
    assert cli(project, "check", "content/ghjh/a.md")[0:2] == (0, "")
    export = project.root / "export.csv"
    export.write_text(
        "名称,时效性,公布日期,施行日期,废止日期,来源\n"
        "中华人民共和国档案法,已废止,2020-06-20,2021-01-01,2026-10-01,国家法律法规数据库\n"
        "中华人民共和国监狱法,有效,2012-10-26,2013-01-01,,国家法律法规数据库\n",
        encoding="utf-8-sig",
    )
    code, out, err = cli(project, "registry", "import", str(export))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "《中华人民共和国档案法》：时效性 有效 → 已废止",
        "《中华人民共和国档案法》：废止日期 2026年10月1日",
        f"共 2 处变化，已写入 {project.root / 'regulations.yml'}",
    ]
    code, out, _ = cli(project, "check", "content/ghjh/a.md")
    assert code == 1
    assert out == (
        "content/ghjh/a.md:14:3: GK110 error 《中华人民共和国档案法》已于2026年10月1日废止："
        "请删去该引用或改引现行有效的规定\n"
    )
    # importing the same export again changes nothing
    code, out, _ = cli(project, "registry", "import", str(export))
    assert out.startswith("法规登记表 ") and out.endswith(" 没有变化（导出文件 2 行）\n")


def test_json_import_adds_a_new_version_and_a_new_law(project: Project) -> None:
    target = project.root / "regulations.yml"
    target.write_text(packaged_path().read_text(encoding="utf-8"), encoding="utf-8")
    export = project.root / "export.json"
    rows = [
        {
            "name": "中华人民共和国监狱法",
            "status": "有效",
            "promulgated": "2026-06-30",
            "effective": "2027-01-01",
            "order": "主席令第1号",
            "source": "测试导出",
        },
        {
            "name": "中华人民共和国某某新法",
            "status": "有效",
            "promulgated": "2018-12-29",
            "effective": "2019-06-01",
            "source": "测试导出",
        },
    ]
    export.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    code, out, _ = cli(project, "registry", "import", str(export), "--dry-run")
    assert code == 0
    assert out.splitlines() == [
        "《中华人民共和国监狱法》：现行版本改为 2026年6月30日主席令第1号公布，自2027年1月1日起施行"
        "（原版本 2012年10月26日主席令第63号公布，自2013年1月1日起施行 列为旧版本）",
        "新增《中华人民共和国某某新法》：有效，2018年12月29日公布，自2019年6月1日起施行",
        f"共 2 处变化；--dry-run：没有写入 {target}",
    ]
    assert target.read_text(encoding="utf-8") == packaged_path().read_text(encoding="utf-8")
    assert cli(project, "registry", "import", str(export))[0] == 0
    registry = load(target)
    prison = registry.find("监狱法")
    assert prison is not None and [v.order for v in prison.superseded] == [
        "主席令第63号",
        "主席令第35号",
    ]
    assert registry.find("某某新法") is not None


def test_export_with_an_unknown_status_cannot_be_imported(project: Project) -> None:
    export = project.root / "export.csv"
    export.write_text("name,status\n中华人民共和国监狱法,部分有效\n", encoding="utf-8")
    code, out, err = cli(project, "registry", "import", str(export), "--dry-run")
    assert (code, out) == (2, "")
    assert err == (
        f"gongkai: {export}:2: 时效性“部分有效”无法识别：应为 有效、已修改、已废止、尚未生效 之一\n"
    )
