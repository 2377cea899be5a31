"""Tell one person that something happened: an e-mail in their language, and a notification.

``notify`` is the one way the project writes to a person. The in-site notification is saved at
once, in the caller's transaction; the e-mail is rendered and sent once that transaction
commits (at once when there is none), so a rolled-back change neither notifies nor mails.

The e-mail is rendered as the recipient reads the site: in their preferred language and time
zone (``lms.Profile``). Every Wagtail page in the context is swapped for its live translation in
that language, when there is one, and gets an absolute ``<name>_url`` beside it; a callable in
the context is called at send time, under the recipient's language, so a link built with
``reverse`` carries their language prefix. Links start with ``settings.WAGTAILADMIN_BASE_URL``,
the site's public address (``LMS_BASE_URL``, required in production).

Notifications are rendered when shown (``lms.selectors.notifications_for``), by the renderer
registered for their kind with ``@notification_kind``. Each app registers its kinds in its
``notifications`` module, imported from its ``AppConfig.ready``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Page


@dataclass(frozen=True)
class PageRef:
    """A page as the reader sees it: its title and URL in their language."""

    title: str
    url: str


@dataclass(frozen=True)
class NotificationText:
    title: str
    body: str = ""
    link: str = ""


# kind -> render(params, pages) -> NotificationText; ``pages`` maps a translation_key (as a
# string) to the PageRef of that page in the active language.
KINDS: dict[str, Callable[[dict, dict[str, PageRef]], NotificationText]] = {}
# The params keys that name pages, looked up in one query for a whole list.
PAGE_KEYS = ("course_key", "page_key")


def notification_kind(kind: str):
    """Register the renderer of one kind of notification."""

    def register(render):
        KINDS[kind] = render
        return render

    return register


def site_url(path: str) -> str:
    """The absolute address of a path on the public site."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def language_of(user) -> str:
    """The language ``user`` reads the site in (read afresh: a profile may have just changed)."""
    from lms.models import Profile

    language = (
        Profile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    )
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _time_zone_of(user) -> str:
    """The recipient's zone, read afresh (after commit), else UTC: see lms.timezones."""
    from lms.selectors import profile_time_zone
    from lms.timezones import valid_zone

    return valid_zone(profile_time_zone(user=user)) or "UTC"


def page_in_language(page, language: str):
    """The live translation of ``page`` in ``language``, or ``page`` itself when there is none."""
    if page is None or page.locale.language_code == language:
        return page
    translated = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .first()
    )
    return translated or page


def page_path(page) -> str:
    """The page's path on the site ("/" when it cannot be routed)."""
    parts = page.get_url_parts()
    return (parts[2] if parts else None) or "/"


def page_params(*, course=None, page=None) -> dict:
    """The params naming a course and a page, for a notification rendered later."""
    params = {}
    if course is not None:
        params["course_key"] = str(course.translation_key)
        params["course_title"] = course.title
    if page is not None:
        params["page_key"] = str(page.translation_key)
        params["page_title"] = page.title
    return params


def notify(
    *,
    recipient,
    kind: str,
    params: dict | None = None,
    template_prefix: str | None = None,
    context: dict | None = None,
    connection=None,
) -> None:
    """Notify ``recipient`` of ``kind``: a notification (given ``params``) and an e-mail (given
    ``template_prefix``, which names ``<prefix>_subject.txt``, ``<prefix>_body.txt`` and,
    optionally, ``<prefix>_body.html``)."""
    from lms import services

    if params is not None:
        services.notification_create(recipient=recipient, kind=kind, params=params)
    if template_prefix and recipient.email:
        transaction.on_commit(
            lambda: mail_send(
                recipient=recipient,
                template_prefix=template_prefix,
                context=context or {},
                connection=connection,
            )
        )


def mail_send(*, recipient, template_prefix: str, context: dict, connection=None) -> None:
    """Render and send one templated e-mail to ``recipient``, as they read the site."""
    message = mail_render(recipient=recipient, template_prefix=template_prefix, context=context)
    message.connection = connection
    message.send()


def mail_render(*, recipient, template_prefix: str, context: dict) -> EmailMultiAlternatives:
    """Build the e-mail (see the module's docstring for what happens to the context)."""
    language = language_of(recipient)
    with translation.override(language), timezone.override(_time_zone_of(recipient)):
        full = {"recipient": recipient, "user": recipient, "language": language}
        for name, value in context.items():
            if callable(value):
                value = value()
            if isinstance(value, Page):
                value = page_in_language(value, language)
                full[f"{name}_url"] = site_url(page_path(value))
            full[name] = value
        subject = render_to_string(f"{template_prefix}_subject.txt", full)
        body = render_to_string(f"{template_prefix}_body.txt", full)
        try:
            html = render_to_string(f"{template_prefix}_body.html", full)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        to=[recipient.email],
        headers={"Content-Language": language},
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message
