"""The Pelican twin of the benchmark corpus: same URLs, 20 per list page, topics as tags with a
feed per tag, German at / and English under /en/. Copied beside the content by benchmarks/sites.py."""

SITENAME = "Presse – Benchmark-Kammer"
SITEURL = "https://presse.example.org"
AUTHOR = "Benchmark-Kammer"
PATH = "content"
ARTICLE_PATHS = ["releases"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "de"
DEFAULT_PAGINATION = 20

ARTICLE_URL = "releases/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "releases/{date:%Y}/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/releases/{date:%Y}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/releases/{date:%Y}/{slug}/index.html"
ARTICLE_TRANSLATION_ID = "translationkey"
YEAR_ARCHIVE_URL = "releases/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "releases/{date:%Y}/index.html"
TAG_URL = "topics/{slug}/"
TAG_SAVE_AS = "topics/{slug}/index.html"
TAGS_URL = "topics/"
TAGS_SAVE_AS = "topics/index.html"
SLUG_REGEX_SUBSTITUTIONS = [(r"ä", "ae"), (r"ö", "oe"), (r"ü", "ue"), (r"ß", "ss"), (r"[^\w\s-]", ""),
                            (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]
TAG_REGEX_SUBSTITUTIONS = SLUG_REGEX_SUBSTITUTIONS

FEED_DOMAIN = SITEURL
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = False
FEED_ALL_RSS = "feed.xml"
FEED_ALL_ATOM = None
TAG_FEED_RSS = "topics/{slug}/feed.xml"
TAG_FEED_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = "{lang}/feed.xml"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
DEFAULT_CATEGORY = "Presse"

MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.sane_lists", "markdown.extensions.toc"],
    "output_format": "html5",
}

# Pelican's own cache: run.py deletes it for the cold build and keeps it for the rebuilds.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
WITH_FUTURE_DATES = False
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
