"""split_lead: a release page's lead is its first paragraph of text; pictures before it stay in the body."""

from __future__ import annotations

import pytest

from generator.render.lead import split_lead
from generator.source.markdown import first_paragraph, first_text_line, render_markdown

IMG = '<p><img alt="Foto" src="media/a.jpg"></p>'


@pytest.mark.parametrize(("body", "lead", "rest"), [
    ("<p>Lead.</p>\n<p>Mehr.</p>", "Lead.", "\n<p>Mehr.</p>"),  # as the template always did
    ("<p>Lead.</p>", "Lead.", ""),
    (f"{IMG}\n<p>Lead <em>mit</em> Text.</p>\n<p>Mehr.</p>", "Lead <em>mit</em> Text.", f"{IMG}\n<p>Mehr.</p>"),
    (f"{IMG}\n{IMG}\n<p>Lead.</p>", "Lead.", f"{IMG}\n{IMG}"),
    ('<p><a href="x"><img src="a.jpg"></a>&nbsp;</p>\n<p>Lead.</p>', "Lead.",
     '<p><a href="x"><img src="a.jpg"></a>&nbsp;</p>'),
    (IMG, None, IMG),  # no paragraph of text: nothing is taken out of the body
    ("<h2>Titel</h2>\n<p>Text.</p>", None, "<h2>Titel</h2>\n<p>Text.</p>"),  # the body does not start with one
    (f"{IMG}\n<h2>Titel</h2>\n<p>Text.</p>", None, f"{IMG}\n<h2>Titel</h2>\n<p>Text.</p>"),
    ("", None, ""),
])
def test_split_lead(body: str, lead: str | None, rest: str) -> None:
    assert split_lead(body) == (lead, rest)


@pytest.mark.parametrize(("markdown", "summary", "line"), [
    ("Erster Absatz.\n\nZweiter.", "Erster Absatz.", 0),
    ("\n![Foto](media/a.jpg)\n\nErster *Absatz*.", "Erster Absatz.", 3),
    ("[![Foto](media/a.jpg)](media/a.jpg)\n\nText.", "Text.", 2),
    ('<img src="media/a.jpg" alt="Foto">\n\nText.', "Text.", 2),
    ("![Foto][bild]\n\nText.\n\n[bild]: media/a.jpg", "Text.", 2),
    ("![Foto](media/a.jpg)", "", 0),
])
def test_the_default_summary_is_the_first_paragraph_of_text(markdown: str, summary: str, line: int) -> None:
    assert first_paragraph(render_markdown(markdown)) == summary
    assert first_text_line(markdown) == line  # where check's warning about a long first paragraph points
