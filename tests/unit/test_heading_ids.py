"""Headings in a text get ids that the theme's pages do not use themselves."""

from __future__ import annotations

import re

from generator.source.markdown import THEME_IDS, render_markdown
from tests.conftest import ROOT


def test_the_list_of_the_theme_s_ids_is_complete() -> None:
    used = {match for template in (ROOT / "templates").glob("*.html")
            for match in re.findall(r'\bid="([a-z][a-z0-9-]*)"', template.read_text("utf-8"))}
    assert used == THEME_IDS


def test_a_heading_never_takes_an_id_of_the_page_or_of_a_contact_block() -> None:
    html = render_markdown("## Main\n\n## Search\n\n## Contact Schulz-Kuhnt\n\n## Mehr zum Thema\n\n## Main")
    assert re.findall(r'id="([^"]+)"', html) == ["abschnitt-main", "abschnitt-search",
                                                 "abschnitt-contact-schulz-kuhnt", "mehr-zum-thema",
                                                 "abschnitt-main_1"]
