"""Link rewriting inside rendered Markdown."""

from __future__ import annotations

from generator.render.links import rewrite_links


def test_rewrite_links() -> None:
    html = ('<a href="/releases/2008/x/">a</a> <a href="media/b.pdf">b</a> <img src="/media/c.png" alt="">'
            ' <a href="https://example.org/">d</a> <a href="#top">e</a> <a href="mailto:a@example.org">f</a>')
    assert rewrite_links(html, "/presse/") == (
        '<a href="/presse/releases/2008/x/">a</a> <a href="/presse/media/b.pdf">b</a> '
        '<img src="/presse/media/c.png" alt=""> <a href="https://example.org/">d</a> <a href="#top">e</a> '
        '<a href="mailto:a@example.org">f</a>')
