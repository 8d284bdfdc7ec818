"""The benchmark's corpus (benchmarks/corpus.py) is content Pressroom builds: a corpus it refused would
leave the published figures unrepeatable."""

from __future__ import annotations

import sys
from datetime import UTC
from pathlib import Path

from tests.conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import BERLIN, make_corpus  # noqa: E402
from sites import NOW, write_site  # noqa: E402


def test_every_time_of_the_10000_release_corpus_exists_in_the_sites_zone() -> None:
    for release in make_corpus(10_000):
        local = release.date.replace(tzinfo=BERLIN)
        assert local.astimezone(UTC).astimezone(BERLIN).replace(tzinfo=None) == release.date, release.key


def test_a_small_corpus_checks_clean(tmp_path: Path) -> None:
    write_site("pressroom", tmp_path / "site", make_corpus(60))
    checked = run_cli("check", "--content", tmp_path / "site/content", "--now", NOW, "--quiet")
    assert checked.status == 0, checked.err
