"""Template tags for the site's frame: the language switcher and the unread notifications."""

from dataclasses import dataclass
from functools import lru_cache

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


def _page_urls_by_language(page: Page, request) -> dict[str, str]:
    """URLs of ``page`` in every language it exists in, else of that language's home page.

    The same for everyone until a page is published, moved or deleted: kept in the shared
    cache under the page cache's generation (``lms.page_cache``), which those events move on.
    """
    if settings.LMS_PAGE_CACHE_SECONDS <= 0:
        return _page_urls_read(page, request)
    from lms import page_cache

    key = f"languagelinks:{page_cache.generation()}:{page.pk}:{request.get_host()}"
    urls = cache.get(key)
    if urls is None:
        urls = _page_urls_read(page, request)
        cache.set(key, urls, settings.LMS_PAGE_CACHE_SECONDS)
    return urls


def _page_urls_read(page: Page, request) -> dict[str, str]:
    urls: dict[str, str] = {}
    site = Site.find_for_request(request)
    if site is not None:
        for home in site.root_page.get_translations(inclusive=True).select_related("locale"):
            urls[home.locale.language_code] = home.get_url(request)
    for translation in page.get_translations(inclusive=True).live().select_related("locale"):
        urls[translation.locale.language_code] = translation.get_url(request)
    return urls


@lru_cache(maxsize=4096)
def _same_view_in(path: str, code: str) -> str:
    """``path`` translated into ``code``, or that language's home page. It depends on the
    path and the URLconf only, so each process keeps its latest answers (resolving and
    reversing four languages was a twentieth of the dashboard).

    The path comes from the request line, so it may be "//evil.example/en/..." (which
    Django's URL resolver accepts): translated as it is, it would become a link to another
    host. Only a path that stays on this site and lands under the language's prefix is kept.
    """
    url = translate_url(path, code)
    if url_has_allowed_host_and_scheme(url, allowed_hosts=None) and url.startswith(f"/{code}/"):
        return url
    return f"/{code}/"


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """One link per language, landing on the same page translated when it exists.

    On a Wagtail page this costs two queries (the page's translations and the home page's)
    when they are not kept in the shared cache; on any other view it costs none.
    """
    request = context.get("request")
    if request is None:
        return []
    current = get_language()
    page = context.get("page")
    page_urls = _page_urls_by_language(page, request) if isinstance(page, Page) else {}
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        url = page_urls.get(code) if page_urls else _same_view_in(path, code)
        links.append(
            LanguageLink(
                code=code,
                name=get_language_info(code)["name_local"].capitalize(),
                url=url or f"/{code}/",
                is_current=code == current,
            )
        )
    return links


@register.filter
def sanitized_richtext(value) -> str:
    """Wagtail's ``richtext`` filter followed by the project's sanitizer."""
    from wagtail.templatetags.wagtailcore_tags import richtext

    from lms.sanitize import sanitize_html

    return sanitize_html(str(richtext(value)))


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The signed-in person's unread notifications: one query, at most once per request."""
    request = context.get("request")
    if request is None:
        return 0
    if not hasattr(request, "_lms_unread_notifications"):
        user = getattr(request, "user", None)
        count = 0
        if user is not None and user.is_authenticated:
            from lms.selectors import unread_notifications_count

            count = unread_notifications_count(user=user)
        request._lms_unread_notifications = count
    return request._lms_unread_notifications


# Parts of the site's frame rendered once per process -----------------------------------------
#
# The header and footer links are the same on every page for everyone reading in one language,
# signed in or not: only their language and the site's name change them, and both are part of
# the key. Rendering them (about a dozen {% url %} and {% translate %}) was a tenth of a
# signed-in lesson request (docs/performance.md), so ``{% keep "name" %}…{% endkeep %}`` renders
# its content once per name, language and ``vary`` value in each process and reuses it. A
# ``{% csrf_token %}`` inside is kept as a marker and the request's token put in its place.
# Never put anything inside that depends on the person, the page or the request otherwise.

_KEPT_FRAGMENTS: dict[tuple, str] = {}
_CSRF_MARKER = "lms-kept-csrf-token-7f3c"


class KeepNode(template.Node):
    def __init__(self, name: str, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context):
        vary = tuple(value.resolve(context) for value in self.vary)
        key = (self.name, get_language(), settings.WAGTAIL_SITE_NAME, vary)
        html = _KEPT_FRAGMENTS.get(key)
        if html is None:
            with context.push(csrf_token=_CSRF_MARKER):
                html = self.nodelist.render(context)
            if len(_KEPT_FRAGMENTS) > 1000:  # a bound, far above names × languages × values
                _KEPT_FRAGMENTS.clear()
            _KEPT_FRAGMENTS[key] = html
        if _CSRF_MARKER in html:
            html = html.replace(_CSRF_MARKER, str(context.get("csrf_token", "")))
        return html


@register.tag
def keep(parser, token):
    """``{% keep "header-links" [value ...] %}…{% endkeep %}``: see above."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("{% keep %} needs a quoted name first")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    vary = [parser.compile_filter(bit) for bit in bits[2:]]
    return KeepNode(bits[1][1:-1], vary, nodelist)


@receiver(setting_changed, dispatch_uid="lms_forget_kept_fragments")
def _forget_kept_fragments(**kwargs) -> None:
    """Tests change settings (the site's name, languages, URLs): nothing kept outlives them."""
    _KEPT_FRAGMENTS.clear()
    _KEPT_URLS.clear()
    _same_view_in.cache_clear()


# Page URLs worked out once per process and publication -------------------------------------
#
# Wagtail's {% pageurl %} matches the page against every site's root on each call (about a
# tenth of a millisecond each); the dashboard asks it for every course, resume link and date.
# A page's URL changes only when a page is published, moved or deleted or a site changes, all
# of which move the pages' generation on (lms.page_cache), so it is kept per page, host and
# generation in each process.

_KEPT_URLS: dict[tuple, str] = {}


@register.simple_tag(takes_context=True)
def page_url(context, page) -> str:
    """``{% page_url page %}``: what ``{% pageurl page %}`` gives, kept (see above)."""
    return page_urls(context.get("request"), [page])[0]


def page_urls(request, pages) -> list[str]:
    """The kept URLs of several pages (a list of dates, of courses), the request's host and
    the generation read once for all of them."""
    from lms import page_cache

    if request is None:
        return [page.get_url(None) or "" if page is not None else "" for page in pages]
    generation, host = page_cache.generation(), request.get_host()
    urls = []
    for page in pages:
        if page is None:
            urls.append("")
            continue
        if page.pk is None:
            urls.append(page.get_url(request) or "")
            continue
        key = (generation, host, page.pk)
        url = _KEPT_URLS.get(key)
        if url is None:
            url = page.get_url(request) or ""
            if len(_KEPT_URLS) > 10_000:
                _KEPT_URLS.clear()
            _KEPT_URLS[key] = url
        urls.append(url)
    return urls
