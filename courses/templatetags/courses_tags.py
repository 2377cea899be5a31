"""Template helpers for courses: a lesson's body kept per revision and language, the
knowledge-check answer a learner just sent, and study times."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


def _body_key(page, request) -> str | None:
    """Where the rendered body of this lesson revision is kept, or None when it must be
    rendered for this request: a preview (unsaved content), a knowledge-check answer in the
    query string (feedback for this reader), a page without a revision, or the cache off."""
    if settings.LMS_PAGE_CACHE_SECONDS <= 0 or request is None:
        return None
    if getattr(request, "is_preview", False) or "check" in request.GET:
        return None
    revision = page.live_revision_id or page.latest_revision_id
    if revision is None:
        return None
    return f"lessonbody:{page.pk}:{revision}:{get_language()}"


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    """The lesson's blocks, rendered once per published revision and language and kept in
    the shared cache for ``LMS_PAGE_CACHE_SECONDS``: the body is the same for every reader.

    Only the blocks are kept: the page around them (progress, the "Mark as complete" form
    and its CSRF token, the sidebar) is rendered for each reader. A block that shows
    something of the reader's own (a knowledge check's feedback) depends only on the query
    string, and such requests are rendered without the cache. A new revision changes the
    key, so a published change shows at once.
    """
    key = _body_key(page, context.get("request"))
    html = cache.get(key) if key else None
    if html is None:
        parent = context.flatten()
        html = "".join(
            block.render_as_block(context={**parent, "block_id": block.id}) for block in page.body
        )
        if key:
            cache.set(key, html, settings.LMS_PAGE_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by the blocks' own templates


@register.simple_tag(takes_context=True)
def knowledge_check_answer(context, value, block_id):
    """The choice picked for this knowledge check in the query string, or None.

    The form submits with GET (nothing is recorded), so feedback works without JavaScript.
    """
    request = context.get("request")
    if request is None or request.GET.get("check") != str(block_id):
        return None
    try:
        index = int(request.GET.get("answer", ""))
    except ValueError:
        return None
    choice = value.choice_at(index)
    return {"index": index, "choice": choice} if choice is not None else None


@register.simple_tag(takes_context=True)
def study_outline(context, outline, current):
    """The course outline beside a step, ``current`` marked (see ``courses.sidebar``)."""
    from courses.sidebar import outline_html

    return outline_html(outline, current=current, request=context.get("request"))


@register.simple_tag
def step_counts(steps):
    """A ``StepCounts`` as "2 of 3 lessons done · 1 of 1 quiz passed" (``courses.sidebar``)."""
    from courses.sidebar import step_counts_html

    return step_counts_html(steps)


@lru_cache(maxsize=2048)
def _day(day, language: str):
    """A day as ``<time>``, written as ``language`` writes dates (``language`` is the key:
    the format is the active language's)."""
    from django.utils.formats import date_format
    from django.utils.html import format_html

    return format_html(
        '<time datetime="{}">{}</time>', day.isoformat(), date_format(day, "DATE_FORMAT")
    )


@receiver(setting_changed, dispatch_uid="courses_forget_kept_days")
def _forget_kept_days(**kwargs) -> None:
    """Tests change the date formats and languages: no day is written the old way."""
    _day.cache_clear()


@register.simple_tag(takes_context=True)
def calendar_events(context, events):
    """The dated steps as a list: each date (with its time and zone when it has one), what
    happens, as a link to the step, and the course. Built in Python rather than in a
    template loop: the dashboard shows six of them on every visit, and the loop cost a
    quarter of the page's time (issue 16)."""
    from django.utils.html import format_html, format_html_join

    from lms.templatetags.lms_tags import page_urls
    from lms.templatetags.lms_time import local_datetime

    def when(event):
        if event.is_timed:
            return local_datetime(event.when)
        return _day(event.when, get_language())

    urls = page_urls(context.get("request"), [event.page for event in events])
    rows = format_html_join(
        "\n",
        '<li class="calendar-event event-{}">{} <a href="{}">{}</a>'
        ' <span class="meta">{}</span></li>',
        (
            (event.kind, when(event), url, event.summary, event.course.title)
            for event, url in zip(events, urls, strict=True)
        ),
    )
    return format_html('<ol class="calendar-events">\n{}\n</ol>', rows)


@register.filter
def shown_choices(value, block_id):
    """A knowledge check's choices as (index as written, choice) in their display order."""
    return value.shown_choices(block_id)


@register.filter
def study_time(minutes):
    """A number of minutes as a short, translated duration: "45 min", "2 h 30 min"."""
    from django.utils.translation import gettext as _

    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": rest}
    if not rest:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}
