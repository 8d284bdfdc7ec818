"""The theme's colour pairs meet WCAG 2 AA in light and in dark mode, computed from the custom
properties in static/style.css: also for what the browser runs do not show (preview badges, the
update notice, focus rings). No browser needed."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

STYLE = (ROOT / "static/style.css").read_text(encoding="utf-8")

# (foreground, background, minimum ratio): text 4.5:1, focus ring and rules against the page 3:1.
PAIRS = [
    ("text", "bg", 4.5), ("muted", "bg", 4.5), ("link", "bg", 4.5), ("accent", "bg", 4.5),
    ("accent-strong", "bg", 4.5), ("text", "surface", 4.5), ("muted", "surface", 4.5), ("link", "surface", 4.5),
    ("accent", "surface", 4.5), ("badge-text", "badge-bg", 4.5), ("bg", "accent", 4.5),
    ("focus", "bg", 3.0), ("focus", "surface", 3.0), ("rule", "bg", 3.0),
]


def palette(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))


def schemes() -> dict[str, dict[str, str]]:
    light = palette(STYLE[STYLE.index(":root {"):STYLE.index("}", STYLE.index(":root {"))])
    dark_start = STYLE.index("@media (prefers-color-scheme: dark)")
    dark = palette(STYLE[dark_start:STYLE.index("}", dark_start)])
    return {"light": light, "dark": {**light, **dark}}


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_pairs_meet_wcag_aa(scheme: str) -> None:
    colours = schemes()[scheme]
    assert len(colours) >= 12
    failing = [f"--{fg} on --{bg}: {contrast(colours[fg], colours[bg]):.2f} < {minimum}"
               for fg, bg, minimum in PAIRS if contrast(colours[fg], colours[bg]) < minimum]
    assert failing == []
