"""The benchmark corpus as data: N press releases made deterministically from a seed.

German and English releases of 500–700 words with headings, lists, links, emphasis and a quote,
1–3 of 40 topics (many with umlauts), and press contacts. No I/O: sites.py writes the data out
as a Pressroom, a Hugo and a Pelican site.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

TOPICS = (
    "Ausbildung", "Außenwirtschaft", "Wirtschaftsförderung", "Regionalentwicklung", "Konjunktur",
    "Digitalisierung", "Infrastruktur", "Fachkräftesicherung", "Existenzgründung", "Unternehmensnachfolge",
    "Energiewende", "Klimaschutz", "Verkehr", "Breitbandausbau", "Tourismus", "Einzelhandel", "Großhandel",
    "Industrie", "Dienstleistungen", "Gesundheitswirtschaft", "Logistik", "Innovation", "Forschung",
    "Hochschulen", "Weiterbildung", "Prüfungen", "Berufsorientierung", "Steuern", "Bürokratieabbau",
    "Recht", "Umweltschutz", "Flächenmanagement", "Stadtentwicklung", "Mobilität", "Fördermittel",
    "Exportförderung", "Zölle", "Märkte in Übersee", "Nachhaltigkeit", "Ehrenamt",
)

CONTACTS = (
    ("schulz-kuhnt", "Dr. Detlef Schulz-Kuhnt", "Kommunikation", "0100"),
    ("mueller", "Anna Müller", "Pressereferentin", "0123"),
    ("weber", "Thomas Weber", "Leiter Außenwirtschaft", "0145"),
    ("oezdemir", "Leyla Özdemir", "Ausbildungsberatung", "0151"),
    ("krueger", "Jürgen Krüger", "Konjunktur und Statistik", "0162"),
    ("hoffmann", "Sabine Hoffmann", "Innovation und Umwelt", "0177"),
    ("becker", "Markus Becker", "Standortpolitik", "0184"),
    ("schaefer", "Claudia Schäfer", "Weiterbildung", "0199"),
)

GERMAN = (
    "die Unternehmen der Region", "haben im vergangenen Jahr", "deutlich mehr investiert", "als erwartet",
    "nach Einschätzung der Kammer", "bleibt die Lage angespannt", "vor allem im Mittelstand",
    "für die Betriebe in Heilbronn-Franken", "ist das ein wichtiges Signal", "die Zahl der Ausbildungsverträge",
    "stieg gegenüber dem Vorjahr", "um mehr als drei Prozent", "die Vollversammlung hat beschlossen",
    "gemeinsam mit den Kommunen", "in enger Abstimmung mit dem Land", "über fünfhundert Betriebe",
    "beteiligten sich an der Umfrage", "die Exporte nach Übersee", "trotz höherer Energiepreise",
    "müssen schneller werden", "fordert die Kammer von der Politik", "die Genehmigungsverfahren",
    "die Fachkräfte von morgen", "zeigen sich zuversichtlich", "für das kommende Frühjahr",
    "gerade kleine Betriebe", "spüren die Folgen", "der schwächeren Nachfrage", "im Großraum Stuttgart",
    "das Straßen- und Schienennetz", "muss dringend ausgebaut werden", "bei der Übergabe an die Nachfolger",
    "helfen die Beraterinnen und Berater", "kostenlos und vertraulich", "die Prüfungsergebnisse",
    "waren so gut wie selten zuvor", "in Zusammenarbeit mit den Hochschulen", "entstehen neue Studiengänge",
)

ENGLISH = (
    "companies in the region", "invested considerably more", "than expected last year",
    "according to the chamber", "the situation remains tense", "especially for small firms",
    "for businesses in Heilbronn-Franken", "this is an important signal", "the number of apprenticeships",
    "rose compared with the previous year", "by more than three percent", "the general assembly decided",
    "together with the municipalities", "in close cooperation with the state", "more than five hundred firms",
    "took part in the survey", "exports to overseas markets", "despite higher energy prices",
    "approval procedures", "must become faster", "the chamber calls on policymakers",
    "the skilled workers of tomorrow", "are confident", "for the coming spring", "feel the effects",
    "of weaker demand", "the road and rail network", "must be expanded urgently",
    "advisers help business owners", "free of charge and in confidence", "the examination results",
    "were better than ever", "in cooperation with the universities", "new degree programmes are created",
)

HEADINGS_DE = ("Ergebnisse der Umfrage", "Was die Betriebe fordern", "Ausblick auf das kommende Jahr",
               "Zahlen und Fakten", "Stimmen aus der Region", "Hintergrund")
HEADINGS_EN = ("Survey results", "What businesses ask for", "Outlook for next year", "Facts and figures",
               "Voices from the region", "Background")
TITLE_DE = ("Unternehmen {a}", "Neue Impulse für {t}", "{t}: Kammer zieht Bilanz", "Mehr Tempo bei {t}",
            "Umfrage zu {t} zeigt gemischtes Bild")
TITLE_EN = ("Businesses report progress on {t}", "New momentum for {t}", "{t}: the chamber takes stock",
            "Survey on {t} shows a mixed picture")
LOCATIONS = ("Heilbronn", "Schwäbisch Hall", "Künzelsau", "Tauberbischofsheim", "Öhringen", "Crailsheim")

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Release:
    """One release, independent of any generator's file format."""

    key: str  # unique; file name stem and translation key
    title: str
    slug: str  # set explicitly in every tool's front matter, so all three use the same URLs
    subtitle: str | None
    date: datetime  # naive, Europe/Berlin
    location: str
    lang: str  # "de" or "en"
    topics: tuple[str, ...]
    contacts: tuple[str, ...]
    translation: str | None
    draft: bool  # a few drafts and future-dated releases, so every tool's publish filter has work
    body: str  # Markdown, understood alike by Python-Markdown, Goldmark and Pelican


def _existing(local: datetime) -> datetime:
    """A time that exists in Europe/Berlin, where every tool reads the corpus's times: one in the hour
    that daylight saving time skips moves an hour on (Pressroom refuses it, as it should)."""
    if local.replace(tzinfo=BERLIN).astimezone(UTC).astimezone(BERLIN).replace(tzinfo=None) != local:
        return local + timedelta(hours=1)
    return local


def make_corpus(count: int, seed: int = 2026) -> list[Release]:
    """`count` releases; about a quarter English, half of those translations of the German one before."""
    rng = random.Random(seed)
    start = datetime(2005, 1, 3, 9, 0)
    step = timedelta(minutes=max(1, (20 * 365 * 24 * 60) // max(count, 1)))
    releases: list[Release] = []
    for index in range(count):
        date = _existing(start + step * index + timedelta(minutes=rng.randrange(0, 50)))
        if index >= count - 2 and count > 10:
            date = datetime(2027, 3, 1 + index % 2, 10, 0)  # embargoed: after the benchmark's --now
        previous = releases[-1] if releases else None
        english = index % 4 == 3
        translation = None
        if english and previous and previous.lang == "de" and rng.random() < 0.5:
            translation = previous.key
            releases[-1] = replace(previous, translation=previous.key)
        releases.append(_release(rng, index, date, "en" if english else "de", translation,
                                 draft=index % 2000 == 1999))
    return releases


def _release(rng: random.Random, index: int, date: datetime, lang: str, translation: str | None,
             draft: bool) -> Release:
    topics = tuple(rng.sample(TOPICS, rng.randint(1, 3)))
    contacts = tuple(c[0] for c in rng.sample(CONTACTS, rng.randint(1, 2)))
    pattern = rng.choice(TITLE_DE if lang == "de" else TITLE_EN)
    title = pattern.format(t=topics[0], a=rng.choice(GERMAN)) + f" ({index + 1})"
    subtitle = rng.choice(HEADINGS_DE if lang == "de" else HEADINGS_EN) if rng.random() < 0.4 else None
    key = f"r{index + 1:06d}"
    return Release(key=key, title=title, slug=slugify(title), subtitle=subtitle, date=date,
                   location=rng.choice(LOCATIONS), lang=lang, topics=topics, contacts=contacts,
                   translation=translation, draft=draft,
                   body=make_body(rng, lang, rng.randint(500, 700)))


def slugify(text: str) -> str:
    """Lower case ASCII with German transliteration, like Pressroom's own rule."""
    text = text.lower()
    for umlaut, ascii_ in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, ascii_)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _sentence(rng: random.Random, phrases: tuple[str, ...], emphasis: bool = False) -> str:
    chosen = [rng.choice(phrases) for _ in range(rng.randint(3, 5))]
    if emphasis:
        chosen[1] = f"*{chosen[1]}*"
    words = " ".join(chosen)
    return words[0].upper() + words[1:] + "."


def _paragraph(rng: random.Random, phrases: tuple[str, ...], sentences: int) -> str:
    emphasis = rng.randrange(sentences)
    parts = [_sentence(rng, phrases, emphasis=n == emphasis) for n in range(sentences)]
    if rng.random() < 0.6:
        link = rng.choice(("https://www.example.org/umfrage", "https://www.example.org/ausbildung",
                           "https://www.example.org/statistik"))
        parts.append(f"Details stehen unter [{rng.choice(phrases)}]({link})." if phrases is GERMAN
                     else f"Details are at [{rng.choice(phrases)}]({link}).")
    if rng.random() < 0.5:
        parts[0] = f"**{parts[0]}**"
    return " ".join(parts)


def make_body(rng: random.Random, lang: str, words: int) -> str:
    """Markdown of about `words` words: paragraphs, two headings, a list, a numbered list, a quote."""
    phrases = GERMAN if lang == "de" else ENGLISH
    first, second = rng.sample(HEADINGS_DE if lang == "de" else HEADINGS_EN, 2)
    speaker = rng.choice(CONTACTS)[1]
    quote = f"> „{_sentence(rng, phrases)}“, sagt {speaker}." if lang == "de" \
        else f'> "{_sentence(rng, phrases)}", says {speaker}.'
    bullets = "\n".join(f"- {_sentence(rng, phrases)}" for _ in range(rng.randint(3, 5)))
    numbered = "\n".join(f"{n}. {_sentence(rng, phrases)}" for n in range(1, rng.randint(3, 4) + 1))
    head = [_paragraph(rng, phrases, 3), f"## {first}", bullets, _paragraph(rng, phrases, 4), quote,
            f"## {second}", numbered]
    tail: list[str] = []
    count = sum(len(block.split()) for block in head)
    while count < words:
        paragraph = _paragraph(rng, phrases, rng.randint(2, 4))
        if count >= 500 and count + len(paragraph.split()) > 700:
            break
        tail.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(head[:4] + tail[:1] + head[4:] + tail[1:]) + "\n"
