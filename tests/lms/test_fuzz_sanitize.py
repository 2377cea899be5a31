"""Hostile HTML through both sanitizer passes: text comes back, and only the allowlist."""

from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lms import sanitize

# Markup is spelled from these pieces, one per byte of a random byte string (one draw per
# document keeps 10,000 examples within seconds).
PIECES = [
    "<", ">", "</", "/>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "=", '"', "'",
    " ", "\n", "\x00", "&", "&amp;", "&#x6a;", "&#0000106", "p", "a", "script", "style", "svg",
    "math", "iframe", "img", "table", "td", "form", "template", "noscript", "xmp", "plaintext",
    "href", "src", "onerror", "onclick", "style", "id", "class", "linktype", "title", "rel",
    "target", "javascript:", "java\tscript:", "JaVaScRiPt:", "data:text/html,", "https://x.org",
    "mailto:a@b.org", "\u200b", "\ufeff", "\u202e", "alert(1)", "x",
]  # fmt: skip


def spelled(pieces: bytes) -> str:
    return "".join(PIECES[byte % len(PIECES)] for byte in pieces)


documents = st.one_of(st.binary(max_size=200).map(spelled), st.text(max_size=200))


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def elements(html: str):
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


@settings(
    max_examples=10_000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(html=documents)
def test_any_markup_comes_back_with_only_allowed_tags_and_attributes(html):
    shown = sanitize.sanitize_html(html)
    stored = sanitize.sanitize_stored_rich_text(html)
    for cleaned, allowed in (
        (shown, sanitize.ALLOWED_ATTRIBUTES),
        (stored, sanitize.STORED_ATTRIBUTES),
    ):
        assert isinstance(cleaned, str)
        for tag, attributes in elements(cleaned):
            assert tag in sanitize.ALLOWED_TAGS
            for name, value in attributes:
                assert name in allowed.get(tag, set()) or (tag, name) == ("a", "rel")
                if name == "href":
                    assert not (value or "").lower().lstrip().startswith(("javascript", "data"))
