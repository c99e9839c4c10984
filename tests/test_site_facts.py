"""The footer's configured facts (gongkai.yml `site:`): the bureau's logo, the 党政机关网站 badge and
the 我为政府网站找错 entry, published with every page from files of content/, never hard-coded."""

from __future__ import annotations

import base64
from pathlib import Path

from sitekit import GONGKAI_YML, new_project

# A real 1×1 PNG: the build publishes an image file only when its first bytes are of its type.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg=="
)
FACTS = GONGKAI_YML.replace(
    "site:\n",
    "site:\n"
    "  logo: assets/logo.png\n"
    "  badge_image: assets/dzjg.png\n"
    "  badge_url: https://bszs.conac.cn/sitename?method=show&id=1\n"
    "  jiucuo_url: https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=2200000000\n",
)


def test_logo_badge_and_error_entry_come_from_gongkai_yml_and_their_files_are_published(
    tmp_path: Path,
) -> None:
    project = new_project(tmp_path, FACTS)
    project.doc("ghjh/a.md")
    project.write("assets/logo.png", PNG)
    project.write("assets/dzjg.png", PNG)
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert (project.site / "assets/logo.png").read_bytes() == PNG
    page = (project.site / "ghjh/a/index.html").read_text(encoding="utf-8")
    assert (
        '<a href="https://bszs.conac.cn/sitename?method=show&amp;id=1"><img class="gk-badge" '
        'src="../../assets/dzjg.png" alt="党政机关网站标识" height="58"></a>'
    ) in page
    assert (
        '<a class="gk-jiucuo" href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?'
        'site_code=2200000000">我为政府网站找错</a>'
    ) in page
    assert 'src="../../assets/logo.png"' in page


def test_a_configured_file_that_is_missing_is_an_error_naming_the_setting(tmp_path: Path) -> None:
    project = new_project(tmp_path, FACTS)
    project.doc("ghjh/a.md")
    project.write("assets/logo.png", PNG)
    result = project.check()
    assert result.returncode == 1
    assert (
        "gongkai.yml:1:1: GK214 error gongkai.yml 中 site.badge_image 指定的文件 content/assets/dzjg.png"
        "不存在：请把文件放到该位置，或改正、删去 site.badge_image"
    ) in result.stdout.splitlines()
