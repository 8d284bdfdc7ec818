"""Link rewriting inside rendered Markdown."""

from __future__ import annotations

from generator.render.links import rewrite_links, site_link_targets


def test_rewrite_links() -> None:
    html = ('<a href="/releases/2008/x/">a</a> <a href="media/b.pdf">b</a> <img src="/media/c.png" alt="">'
            ' <a href="https://example.org/">d</a> <a href="#top">e</a> <a href="mailto:a@example.org">f</a>')
    assert rewrite_links(html, "/presse/") == (
        '<a href="/presse/releases/2008/x/">a</a> <a href="/presse/media/b.pdf">b</a> '
        '<img src="/presse/media/c.png" alt=""> <a href="https://example.org/">d</a> <a href="#top">e</a> '
        '<a href="mailto:a@example.org">f</a>')


def test_links_relative_to_their_page_are_left_to_the_browser_and_resolved_for_feeds() -> None:
    html = '<a href="../b/">b</a> <a href="./anhang.pdf">c</a> <a href="/releases/2024/d/">d</a>'
    assert rewrite_links(html, "/presse/") == (
        '<a href="../b/">b</a> <a href="./anhang.pdf">c</a> <a href="/presse/releases/2024/d/">d</a>')
    assert rewrite_links(html, "https://example.org/presse/", "releases/2024/a/") == (
        '<a href="https://example.org/presse/releases/2024/b/">b</a> '
        '<a href="https://example.org/presse/releases/2024/a/anhang.pdf">c</a> '
        '<a href="https://example.org/presse/releases/2024/d/">d</a>')


def test_html_written_in_the_text_is_rewritten_too_in_either_quotes_and_in_srcset() -> None:
    html = ("<a href='/releases/2024/b/'>b</a> <img src=\"/media/logo.svg\" srcset=\"/media/logo.svg 1x, "
            "/media/logo@2x.png 2x\" alt=\"x\"> <video poster='/media/p.jpg' src=\"https://v.example/x.mp4\"></video>")
    assert rewrite_links(html, "/presse/") == (
        "<a href='/presse/releases/2024/b/'>b</a> <img src=\"/presse/media/logo.svg\" srcset=\"/presse/media/logo.svg "
        "1x, /presse/media/logo@2x.png 2x\" alt=\"x\"> <video poster='/presse/media/p.jpg' "
        "src=\"https://v.example/x.mp4\"></video>")
    assert site_link_targets(html) == ["/releases/2024/b/", "/media/logo.svg", "/media/logo.svg", "/media/logo@2x.png",
                                       "/media/p.jpg"]


def test_only_attributes_of_start_tags_are_links_not_text_that_looks_like_one() -> None:
    html = ("<p>Peter's href='bla</p><p><a href='/b/'>b</a></p> <code>&lt;a href='/x/'&gt;</code> "
            '<img srcset="data:image/png;base64,AAAA 1x" src="/media/a.png" alt="">')
    assert rewrite_links(html, "/presse/") == (
        "<p>Peter's href='bla</p><p><a href='/presse/b/'>b</a></p> <code>&lt;a href='/x/'&gt;</code> "
        '<img srcset="data:image/png;base64,AAAA 1x" src="/presse/media/a.png" alt="">')
