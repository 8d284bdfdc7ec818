"""og:image, the picture of a share card: Facebook, X and LinkedIn show no SVG, so an SVG logo (or an SVG
release picture) is never named; a raster one is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.render.environment import is_share_image
from tests.conftest import SITE_YAML, make_site, png, release, run_cli


@pytest.mark.parametrize(("src", "shown"), [("media/logo.svg", False), ("media/LOGO.SVG", False),
                                            ("media/logo.svgz", False), ("media/logo.svg?v=2", False),
                                            ("media/logo.png", True), ("media/bild.jpg", True),
                                            ("media/bild.webp", True)])
def test_is_share_image(src: str, shown: bool) -> None:
    assert is_share_image(src) is shown


def heads(tmp_path: Path, logo: str, image: str | None = None) -> dict[str, list[str]]:
    """The og:image and twitter meta tags of the home page and of a release (with `image`, if given)."""
    files: dict[str, str | bytes] = {
        "site.yaml": SITE_YAML.replace("logo: media/logo.svg", f"logo: {logo}"), "media/logo.png": png(200, 200),
        "media/bild.png": png(1200, 630),
        "media/grafik.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n',
        "releases/a.md": release("Erste", **({"image": f"{{src: {image}, alt: Ein Bild}}"} if image else {})),
    }
    content = make_site(tmp_path, files)
    result = run_cli("build", "--content", content, "--output", tmp_path / "out", "--now", "2024-06-01")
    assert result.status == 0, result.err
    found = {}
    for name, path in (("home", "index.html"), ("release", "releases/2024/erste/index.html")):
        page = (tmp_path / "out" / path).read_text("utf-8")
        found[name] = re.findall(r'<meta (?:property="og:image[^"]*"|name="twitter:[^"]*") content="[^"]*">', page)
    return found


def test_an_svg_logo_is_no_share_image(tmp_path: Path) -> None:
    assert heads(tmp_path, "media/logo.svg") == {"home": ['<meta name="twitter:card" content="summary">'],
                                                 "release": ['<meta name="twitter:card" content="summary">']}


def test_a_raster_logo_is_the_share_image(tmp_path: Path) -> None:
    logo = '<meta property="og:image" content="https://presse.example.org/media/logo.png">'
    summary = '<meta name="twitter:card" content="summary">'
    assert heads(tmp_path, "media/logo.png") == {"home": [logo, summary], "release": [logo, summary]}


def test_a_release_picture_comes_first_unless_it_is_an_svg(tmp_path: Path) -> None:
    picture = heads(tmp_path / "png", "media/logo.svg", "media/bild.png")["release"]
    assert picture == ['<meta property="og:image" content="https://presse.example.org/media/bild.png">',
                       '<meta property="og:image:alt" content="Ein Bild">',
                       '<meta name="twitter:card" content="summary_large_image">',
                       '<meta name="twitter:image:alt" content="Ein Bild">']
    drawing = heads(tmp_path / "svg", "media/logo.png", "media/grafik.svg")["release"]
    assert drawing == ['<meta property="og:image" content="https://presse.example.org/media/logo.png">',
                       '<meta name="twitter:card" content="summary">']
