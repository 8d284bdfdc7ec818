"""`build.py new`: a complete, commented release file that builds as it is; never overwrites."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.source.frontmatter import split_front_matter
from generator.source.release import PLACEHOLDERS
from tests.conftest import make_site, run_cli

TOPICS = "Ausbildung: {}\nAußenwirtschaft: {}\nKonjunktur: {}\n"


def today() -> str:
    return datetime.now(ZoneInfo("Europe/Berlin")).date().isoformat()


def test_new_writes_a_release_that_checks_clean_once_its_text_is_written(tmp_path: Path) -> None:
    content = make_site(tmp_path, {"topics.yaml": TOPICS})
    before = today()
    result = run_cli("new", "Neue Ausbildungsbörse: „Zukunft“ startet", "--content", content,
                     "--topic", "ausbildung", "--topic", "Konjunktur")
    day = today() if today() != before else before
    assert result.status == 0, result.err
    path = Path(result.out.strip())
    assert path == content / f"releases/{day[:4]}/{day}-neue-ausbildungsboerse-zukunft-startet.md"
    front = split_front_matter(path.read_text("utf-8"), str(path))
    assert front.data == {"title": "Neue Ausbildungsbörse: „Zukunft“ startet", "date": day,
                          "topics": ["Ausbildung", "Konjunktur"], "contacts": ["presse"], "draft": False}
    text = path.read_text("utf-8")
    for key in ("subtitle", "location", "summary", "lang", "translation", "embargo", "slug", "updated", "image",
                "attachments", "boilerplate", "aliases"):
        assert f"\n# {key}: " in text, key  # every other key is there as a commented example
    assert "# from topics.yaml: Ausbildung, Außenwirtschaft, Konjunktur" in text
    assert "# ids from contacts.yaml: presse" in text
    placeholder_line = text.splitlines().index(PLACEHOLDERS["de"]) + 1
    check = run_cli("check", "--content", content)
    assert (check.status, check.error_lines) == (1, [
        f"{path.as_posix()}:{placeholder_line}: the text is still the placeholder of `build.py new` — write the "
        "release's text, or set `draft: true` to keep it off the site until it is done", "1 error"])
    path.write_text(text.replace(PLACEHOLDERS["de"], "Die Börse startet am Montag."), encoding="utf-8")
    check = run_cli("check", "--content", content)
    assert (check.status, check.err) == (0, "")


def test_a_draft_may_keep_the_placeholder_and_an_english_release_has_its_own(tmp_path: Path) -> None:
    content = make_site(tmp_path, {})
    german = Path(run_cli("new", "Entwurf", "--content", content).out.strip())
    german.write_text(german.read_text("utf-8").replace("draft: false", "draft: true"), encoding="utf-8")
    english = Path(run_cli("new", "Draft", "--content", content, "--lang", "en").out.strip())
    assert PLACEHOLDERS["en"] in english.read_text("utf-8")
    built = run_cli("build", "--content", content, "--output", tmp_path / "out")
    assert built.status == 1
    assert [line.split(":")[0] for line in built.error_lines] == [english.as_posix(), "1 error"]
    assert not (tmp_path / "out").exists()


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    content = make_site(tmp_path, {})
    first = run_cli("new", "Zweimal", "--content", content)
    path = Path(first.out.strip())
    path.write_text(path.read_text("utf-8") + "Mein Text.\n", encoding="utf-8")
    again = run_cli("new", "Zweimal", "--content", content)
    assert again.status == 1
    assert again.error_lines == [f"build.py: error: {path.as_posix()} already exists; it is not overwritten — "
                                 "edit that file, or choose another title"]
    assert path.read_text("utf-8").endswith("Mein Text.\n")


def test_new_with_an_unknown_topic_suggests_the_closest(tmp_path: Path) -> None:
    content = make_site(tmp_path, {"topics.yaml": TOPICS})
    result = run_cli("new", "X", "--content", content, "--topic", "Ausbldung")
    assert (result.status, result.error_lines) == (
        2, ["build.py: error: --topic: 'Ausbldung' is not in topics.yaml — did you mean Ausbildung?"])
    assert not (content / "releases").exists()


def test_new_without_topics_yaml_takes_any_topic(tmp_path: Path) -> None:
    content = make_site(tmp_path, {})
    result = run_cli("new", "Frei", "--content", content, "--topic", "Was auch immer")
    front = split_front_matter(Path(result.out.strip()).read_text("utf-8"), "x")
    assert front.data["topics"] == ["Was auch immer"]


def test_new_lists_each_topic_once_and_the_file_checks_clean(tmp_path: Path) -> None:
    content = make_site(tmp_path, {"topics.yaml": TOPICS})
    result = run_cli("new", "Test", "--content", content, "--topic", "Ausbildung", "--topic", "ausbildung",
                     "--topic", "Konjunktur", "--topic", "AUSBILDUNG")
    assert result.status == 0, result.err
    path = Path(result.out.strip())
    text = path.read_text("utf-8")
    assert "\ntopics: [Ausbildung, Konjunktur]" in text
    path.write_text(text.replace(PLACEHOLDERS["de"], "Ein Text."), encoding="utf-8")
    check = run_cli("check", "--content", content)
    assert (check.status, check.err) == (0, "")


def test_new_without_topics_yaml_lists_topics_with_one_url_once(tmp_path: Path) -> None:
    content = make_site(tmp_path, {})
    result = run_cli("new", "Frei", "--content", content, "--topic", "Außenwirtschaft", "--topic", "Aussenwirtschaft",
                     "--topic", "Außenwirtschaft")
    front = split_front_matter(Path(result.out.strip()).read_text("utf-8"), "x")
    assert front.data["topics"] == ["Außenwirtschaft"]


UNCLOSED = ("YAML: this quote is not closed — close it at the end of the value; a quote inside the value must be "
            "doubled ('') in single quotes or escaped (\\\") in double quotes")


def test_a_quote_mistake_in_the_title_of_a_new_release_is_named_at_the_title(tmp_path: Path) -> None:
    """The file of `new` has comments with quotes below the title: a quote left open runs on to them."""
    content = make_site(tmp_path, {})
    path = Path(run_cli("new", "Messe", "--content", content).out.strip())
    text = path.read_text("utf-8").replace(PLACEHOLDERS["de"], "Die Messe startet.")
    title_line = next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith("title:"))
    for title, message in [
        ('"Messe startet', UNCLOSED),
        ('"Die "Messe" startet"', 'YAML: a quote inside a value in "…" must be written \\" — or put the value in '
                                  "'…'"),
        ("'Die IHK's Messe startet'", "YAML: a ' inside '…' is written '' — or put the value in \"…\""),
    ]:
        path.write_text(text.replace('title: "Messe"', f"title: {title}"), encoding="utf-8")
        check = run_cli("check", "--content", content)
        assert (check.status, check.error_lines) == (1, [f"{path.as_posix()}:{title_line}: {message}", "1 error"])


def test_new_with_embargo_and_language(tmp_path: Path) -> None:
    content = make_site(tmp_path, {})
    result = run_cli("new", "Trade fair", "--content", content, "--lang", "EN", "--embargo", "2098-01-15T10:00")
    assert result.status == 0, result.err
    path = Path(result.out.strip())
    assert path == content / "releases/2098/2098-01-15-trade-fair.en.md"
    front = split_front_matter(path.read_text("utf-8"), str(path))
    assert front.data["date"] == front.data["embargo"] == "2098-01-15T10:00:00+01:00"
    assert front.data["lang"] == "en"
    assert front.body.startswith(PLACEHOLDERS["en"])
    path.write_text(path.read_text("utf-8").replace(PLACEHOLDERS["en"], "The fair opens."), encoding="utf-8")
    built = run_cli("build", "--content", content, "--output", tmp_path / "out", "--now", "2098-01-15T10:00")
    assert built.status == 0, built.err
    assert (tmp_path / "out/en/releases/2098/trade-fair/index.html").is_file()


def test_an_embargo_given_in_another_offset_is_written_in_the_site_s_time_and_year(tmp_path: Path) -> None:
    content = make_site(tmp_path, {})
    path = Path(run_cli("new", "Silvester", "--content", content, "--embargo", "2098-12-31T23:30Z").out.strip())
    assert path == content / "releases/2099/2099-01-01-silvester.md"  # 00:30 on New Year's Day in Berlin
    front = split_front_matter(path.read_text("utf-8"), str(path))
    assert front.data["date"] == front.data["embargo"] == "2099-01-01T00:30:00+01:00"
    past = run_cli("new", "Alt", "--content", content, "--embargo", "2020-01-01T10:00")
    assert (past.status, past.error_lines) == (2, [
        "build.py: error: --embargo: 2020-01-01 10:00 is in the past, so it would hold nothing back — give a "
        "moment to come, or leave --embargo out"])


def test_new_usage_errors(tmp_path: Path) -> None:
    content = make_site(tmp_path, {})
    assert run_cli("new", "X", "--content", content, "--lang", "klingonisch").error_lines == [
        "build.py: error: --lang: 'klingonisch' is not a language tag — use a BCP 47 tag such as de or en"]
    assert run_cli("new", "X", "--content", content, "--embargo", "15.01.2030").error_lines == [
        "build.py: error: --embargo: '15.01.2030' is not a date — did you mean 2030-01-15?"]
    assert run_cli("new", "!!!", "--content", content).error_lines == [
        "build.py: error: the title has no letters or digits; write the release's headline"]
    missing = run_cli("new", "X", "--content", tmp_path / "nirgends")
    assert (missing.status, missing.error_lines) == (2, [
        f"build.py: error: --content {tmp_path}/nirgends is not a folder; run build.py in the project folder (the "
        "one with content/), or pass --content DIR"])


def test_the_slug_new_suggests_is_the_one_the_title_gives_and_a_title_too_long_for_a_url_gets_one(
        tmp_path: Path) -> None:
    content = make_site(tmp_path, {})
    long_title = ("Landkreis Heilbronn und Hohenlohekreis unterzeichnen gemeinsame Erklärung zur Stärkung der "
                  "dualen Berufsausbildung")
    path = Path(run_cli("new", long_title, "--content", content).out.strip())
    assert path.name.endswith("-landkreis-heilbronn-und-hohenlohekreis-unterzeichnen.md")  # the file name is short
    assert ("\n# slug: landkreis-heilbronn-und-hohenlohekreis-unterzeichnen-gemeinsame-erklaerung-zur-staerkung-"
            "der-dualen-berufsausbildung  ") in path.read_text("utf-8")  # the URL's, to set as it is
    too_long = " ".join(["Ausbildungsplatzbörse"] * 12)
    second = Path(run_cli("new", too_long, "--content", content).out.strip())
    front = split_front_matter(second.read_text("utf-8"), str(second))
    assert front.data["slug"] == "-".join(["ausbildungsplatzboerse"] * 3)
    for written in (path, second):
        written.write_text(written.read_text("utf-8").replace(PLACEHOLDERS["de"], "Der Text."), "utf-8")
    assert run_cli("check", "--content", content).status == 0


def test_a_title_without_latin_letters_gets_a_slug_to_fill_in_and_builds(tmp_path: Path) -> None:
    content = make_site(tmp_path, {})
    path = Path(run_cli("new", "بيان صحفي جديد", "--content", content, "--lang", "ar",
                        "--embargo", "2098-03-02T10:00").out.strip())
    assert path == content / "releases/2098/2098-03-02-release.ar.md"
    text = path.read_text("utf-8")
    assert "\nslug: release-2098-03-02  " in text and "# the title has no Latin letters for a URL" in text
    path.write_text(text.replace(PLACEHOLDERS["en"], "نص البيان."), "utf-8")
    built = run_cli("build", "--content", content, "--output", tmp_path / "out", "--now", "2098-03-02T10:00")
    assert built.status == 0, built.err
    assert (tmp_path / "out/ar/releases/2098/release-2098-03-02/index.html").is_file()
