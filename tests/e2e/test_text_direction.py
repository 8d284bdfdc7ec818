"""Right-to-left languages: a page in Arabic (Hebrew, Persian …) says dir="rtl"; text in a language written
the other way says its direction (German on an Arabic page, Arabic on a German one); phone numbers and URLs
stay left to right; the style sheet uses logical properties (start/end), so the layout mirrors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.render.environment import text_direction
from tests.conftest import ROOT, make_site, release, run_cli


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ar-EG", "rtl"),
                                                 ("de", "ltr"), ("en-GB", "ltr"), ("x-unknown", "ltr")])
def test_text_direction_comes_from_babel(lang: str, direction: str) -> None:
    assert text_direction(lang) == direction


def test_an_arabic_release_is_right_to_left(tmp_path: Path) -> None:
    content = make_site(tmp_path, {
        "releases/a.md": release("Messe", translation="messe"),
        "releases/a.ar.md": release("معرض تجاري", lang="ar", translation="messe", slug="messe"),
    })
    result = run_cli("build", "--content", content, "--output", tmp_path / "out", "--now", "2024-06-01")
    assert result.status == 0, result.err
    arabic = (tmp_path / "out/ar/releases/2024/messe/index.html").read_text("utf-8")
    assert '<html lang="ar" dir="rtl">' in arabic
    assert '<span lang="de" dir="ltr">Presse – Testkammer</span>' in arabic
    assert '<a href="/" lang="de" dir="ltr" hreflang="de">Deutsch</a>' in arabic
    assert '<a href="/releases/2024/messe/" hreflang="de" lang="de" dir="ltr">Deutsch: Messe</a>' in arabic
    assert '<p class="contact-role p-job-title" lang="de" dir="ltr">Kommunikation</p>' in arabic
    assert '<a class="p-tel" dir="ltr" href="tel:+4971315550100">' in arabic
    assert '<span dir="ltr">https://presse.example.org/ar/releases/2024/messe/</span></p>' in arabic  # print
    assert '<a class="u-url u-uid" dir="ltr" href="https://presse.example.org/ar/releases/2024/messe/">' in arabic
    assert '<html lang="ar" dir="rtl">' in (tmp_path / "out/ar/index.html").read_text("utf-8")
    german = (tmp_path / "out/releases/2024/messe/index.html").read_text("utf-8")
    assert '<html lang="de">' in german
    assert '<a href="/ar/" lang="ar" dir="rtl" hreflang="ar">العربية</a>' in german  # the language's own name
    assert 'hreflang="ar" lang="ar" dir="rtl">العربية: معرض تجاري</a>' in german
    assert '<a class="p-tel" href="tel:+4971315550100">' in german  # no dir where everything is left to right
    assert german.count(" dir=") == 2


def test_the_style_sheet_has_no_physical_left_or_right() -> None:
    css = (ROOT / "static/style.css").read_text("utf-8")
    physical = re.findall(r"(?:margin|padding|border|inset)-(?:left|right)\b|[\s{;](?:left|right)\s*:"
                          r"|text-align:\s*(?:left|right)|float:\s*(?:left|right)", css)
    assert physical == []
