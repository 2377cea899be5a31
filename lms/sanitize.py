"""The one HTML sanitizer: every piece of HTML that a person typed goes through here.

Only this module imports nh3. nh3's own defaults are far wider (75 tags, 25 URL schemes), so
every argument is given explicitly; docs/security.md ("Why these choices") explains the
allowlist.
Rich text is cleaned in its *rendered* form, after Wagtail has expanded its internal links and
embeds, so that no Wagtail-only attribute has to be allowed.
"""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe

# The Draftail features offered to editors; the first layer, before nh3.
RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "blockquote",
    "hr",
]

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "blockquote", "pre", "code", "ul", "ol", "li",
    "strong", "b", "em", "i", "sub", "sup", "abbr", "a",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = {"https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"

# Control and invisible characters that browsers strip from URLs before reading the scheme,
# which can hide a javascript: URL from a naive check.
_HIDDEN_CHARACTERS = re.compile(
    r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)


# A URL that starts with two slashes (or a backslash, which browsers read as one) names
# another host while looking relative: "//evil.example/" passes a scheme allowlist.
_OTHER_HOST = re.compile(r"^[/\\]{2}|^/\\")
# Wagtail's internal links in storage: <a linktype="page|document" id="<number>">.
LINK_TYPES = {"page", "document"}


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute in {"href", "src"} and (
        _HIDDEN_CHARACTERS.search(value) or _OTHER_HOST.match(value)
    ):
        return None
    if element == "a" and attribute == "linktype" and value not in LINK_TYPES:
        return None
    if element == "a" and attribute == "id" and not (value.isascii() and value.isdigit()):
        return None  # an internal link's id is a primary key; anything else would crash
    return value


# Wagtail's stored rich-text format names internal links by type and id; they are expanded
# to real URLs when rendered, so these two attributes are allowed in storage only.
STORED_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "a": {"href", "title", "linktype", "id"}}


def sanitize_stored_rich_text(html: str) -> str:
    """Clean rich text as Wagtail stores it, before it is saved (the first of two passes).

    The second pass, ``sanitize_html``, runs on the rendered form every time it is shown.
    """
    return _clean(html, attributes=STORED_ATTRIBUTES, link_rel=None)


def sanitize_html(html: str) -> SafeString:
    """Return ``html`` with everything outside the allowlist removed, marked safe."""
    cleaned = _clean(html, attributes=ALLOWED_ATTRIBUTES, link_rel=LINK_REL)
    return mark_safe(cleaned)  # noqa: S308 - this is the sanitizer


def _clean(html: str, *, attributes: dict, link_rel: str | None) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=attributes,
        attribute_filter=_filter_attribute,
        strip_comments=True,
        link_rel=link_rel,
        url_schemes=ALLOWED_URL_SCHEMES,
        generic_attribute_prefixes=set(),
    )
