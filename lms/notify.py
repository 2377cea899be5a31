"""Tell one person that something happened: an e-mail in their language, and a notification.

``notify`` is the one way the project writes to a person. The in-site notification is saved at
once, in the caller's transaction; the e-mail goes through ``mail_enqueue``, the one way the
project sends a templated e-mail: once that transaction commits (at once when there is none),
it enqueues ``lms.tasks.mail_send_task``, which renders and sends the mail in the background
(the ``TASKS`` backend: at once in development and tests, ``manage.py db_worker`` in
production). A rolled-back change neither notifies nor mails, and the request that caused a
mail never waits for the mail server.

A task's arguments are stored as JSON, so the context is encoded (``context_encode``): a model
instance travels as its label and primary key and is read again when the mail is rendered;
decimals, dates and dataclasses keep their meaning; a value that can only be known at send time
(a link in the recipient's language, a token for a committed account) is an ``AtSend`` naming
a function registered with ``@send_time_value``. ``link(viewname, *args)`` is the common one.

The e-mail is rendered as the recipient reads the site: in their preferred language and time
zone (``lms.Profile``). Every Wagtail page in the context is swapped for its live translation in
that language, when there is one, and gets an absolute ``<name>_url`` beside it; an ``AtSend``
in the context is resolved at send time, under the recipient's language, so a link built with
``reverse`` carries their language prefix. Links start with ``settings.WAGTAILADMIN_BASE_URL``,
the site's public address (``LMS_BASE_URL``, required in production).

allauth's account mails (``lms.adapters``) go through the same helper with the ``account``
renderer: allauth's templates, in the language the adapter chose.

Notifications are rendered when shown (``lms.selectors.notifications_for``), by the renderer
registered for their kind with ``@notification_kind``. Each app registers its kinds in its
``notifications`` module, imported from its ``AppConfig.ready``.
"""

import dataclasses
import datetime
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
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
    from lms.timezones import valid_zone

    return valid_zone(profile_zone_of(user)) or "UTC"


def profile_zone_of(user) -> str:
    """The zone ``user`` chose in their profile, read afresh, or "" when they chose none."""
    from lms.selectors import profile_time_zone

    return profile_time_zone(user=user)


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
) -> None:
    """Notify ``recipient`` of ``kind``: a notification (given ``params``) and an e-mail (given
    ``template_prefix``, which names ``<prefix>_subject.txt``, ``<prefix>_body.txt`` and,
    optionally, ``<prefix>_body.html``)."""
    from lms import services

    if params is not None:
        services.notification_create(recipient=recipient, kind=kind, params=params)
    if template_prefix and recipient.email:
        mail_enqueue(recipient=recipient, template_prefix=template_prefix, context=context or {})


# Mails rendered in the background -----------------------------------------------------------

# name -> function called when the mail is rendered, under the recipient's language and zone.
SEND_TIME: dict[str, Callable] = {}


def send_time_value(function: Callable) -> Callable:
    """Register ``function`` as one an ``AtSend`` may name (only registered ones can be called
    from a task's stored arguments)."""
    SEND_TIME[f"{function.__module__}.{function.__qualname__}"] = function
    return function


@dataclass(frozen=True)
class AtSend:
    """A context value computed when the mail is rendered: ``function(**kwargs)``."""

    function: Callable
    kwargs: dict = dataclasses.field(default_factory=dict)

    def resolve(self):
        return self.function(**self.kwargs)


@send_time_value
def site_link(*, viewname: str, args: list) -> str:
    from django.urls import reverse

    return site_url(reverse(viewname, args=args))


def link(viewname: str, *args) -> AtSend:
    """The public address of a named URL, reversed at send time in the recipient's language."""
    return AtSend(site_link, {"viewname": viewname, "args": list(args)})


_TYPE = "__type__"


def _registered(name: str) -> Callable:
    """The registered function ``name``, importing its module first when a worker has not yet
    (only a module of an installed app, and only a function registered there, is used)."""
    if name not in SEND_TIME:
        module = name.rpartition(".")[0]
        if apps.get_containing_app_config(module) is None:
            raise ValueError(f"{name} is not in an installed app")
        importlib.import_module(module)
    return SEND_TIME[name]


def context_encode(value):
    """``value`` as JSON a task can store; ``context_decode`` gives it back."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return {_TYPE: "decimal", "value": str(value)}
    if isinstance(value, datetime.datetime):
        return {_TYPE: "datetime", "value": value.isoformat()}
    if isinstance(value, datetime.date):
        return {_TYPE: "date", "value": value.isoformat()}
    if isinstance(value, models.Model):
        return {_TYPE: "model", "label": value._meta.label, "pk": value.pk}
    if isinstance(value, AtSend):
        name = f"{value.function.__module__}.{value.function.__qualname__}"
        if SEND_TIME.get(name) is not value.function:
            raise TypeError(f"{name} is not registered with @send_time_value")
        return {_TYPE: "at_send", "function": name, "kwargs": context_encode(value.kwargs)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: context_encode(getattr(value, field.name))
            for field in dataclasses.fields(value)
        }
    if isinstance(value, dict):
        if _TYPE in value:
            raise TypeError(f"{_TYPE} is reserved in a mail's context")
        return {str(key): context_encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [context_encode(item) for item in value]
    raise TypeError(f"{type(value).__name__} cannot be stored in a mail's context")


def context_decode(value):
    if isinstance(value, list):
        return [context_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    kind = value.get(_TYPE)
    if kind is None:
        return {key: context_decode(item) for key, item in value.items()}
    if kind == "decimal":
        return Decimal(value["value"])
    if kind == "datetime":
        return datetime.datetime.fromisoformat(value["value"])
    if kind == "date":
        return datetime.date.fromisoformat(value["value"])
    if kind == "model":
        return apps.get_model(value["label"])._default_manager.get(pk=value["pk"])
    if kind == "at_send":
        return AtSend(_registered(value["function"]), context_decode(value["kwargs"]))
    raise ValueError(f"Unknown value in a mail's context: {kind}")


def mail_enqueue(
    *,
    template_prefix: str,
    context: dict,
    recipient=None,
    address: str = "",
    language: str = "",
    time_zone: str = "",
    attachments: AtSend | None = None,
    renderer: str = "notify",
    on_commit: bool = True,
) -> None:
    """Send a templated e-mail in the background once the current transaction commits
    (``on_commit=False``: enqueue it now, for a caller that runs in no transaction of its own).

    ``recipient`` (a user) reads it in their language and time zone, read when it is rendered.
    Someone without an account (a public registrant) is written to at ``address``, in
    ``language`` and ``time_zone``; for a recipient with an account, ``time_zone`` stands in
    when their profile names none. The ``account`` renderer (allauth's mails) writes to
    ``address`` in ``language`` too. ``attachments`` names a send-time function returning
    ``(filename, content, mimetype)`` triples, built under the recipient's language and zone.
    The context is encoded now, so a value it cannot carry fails in the caller, not the task.
    """
    from lms.tasks import mail_send_task

    if recipient is None and not address:
        raise ValueError("A mail needs a recipient or an address")
    arguments = {
        "template_prefix": template_prefix,
        "context": context_encode(context),
        "recipient_id": recipient.pk if recipient is not None else None,
        "address": address,
        "language": language,
        "renderer": renderer,
    }
    # Only the mails that use them carry them, so tasks queued before they existed still run.
    if time_zone:
        arguments["time_zone"] = time_zone
    if attachments is not None:
        arguments["attachments"] = context_encode(attachments)
    if on_commit:
        transaction.on_commit(lambda: mail_send_task.enqueue(**arguments))
    else:
        mail_send_task.enqueue(**arguments)


def mail_task_run(
    *,
    template_prefix: str,
    context: dict,
    recipient_id: int | None,
    address: str,
    language: str,
    renderer: str,
    time_zone: str = "",
    attachments: dict | None = None,
) -> None:
    """What ``mail_send_task`` does: decode the context, render, send."""
    from django.contrib.auth import get_user_model

    context = context_decode(context)
    if renderer == "account":
        from lms.adapters import account_mail_render

        message = account_mail_render(
            template_prefix=template_prefix, address=address, language=language, context=context
        )
        message.send()
        return
    attach = context_decode(attachments) if attachments is not None else None
    if recipient_id is None:
        message = mail_render_to_address(
            address=address,
            language=language,
            time_zone=time_zone,
            template_prefix=template_prefix,
            context=context,
            attachments=attach,
        )
        message.send()
        return
    recipient = get_user_model()._default_manager.get(pk=recipient_id)
    if not recipient.email:
        return
    message = mail_render(
        recipient=recipient,
        template_prefix=template_prefix,
        context=context,
        time_zone=time_zone,
        attachments=attach,
    )
    message.send()


def mail_send(*, recipient, template_prefix: str, context: dict, connection=None) -> None:
    """Render and send one templated e-mail to ``recipient``, as they read the site."""
    message = mail_render(recipient=recipient, template_prefix=template_prefix, context=context)
    message.connection = connection
    message.send()


def mail_render(
    *,
    recipient,
    template_prefix: str,
    context: dict,
    time_zone: str = "",
    attachments: AtSend | None = None,
) -> EmailMultiAlternatives:
    """Build the e-mail (see the module's docstring for what happens to the context)."""
    from lms.timezones import valid_zone

    zone = valid_zone(profile_zone_of(recipient)) or valid_zone(time_zone) or "UTC"
    return _render(
        address=recipient.email,
        language=language_of(recipient),
        zone=zone,
        template_prefix=template_prefix,
        context=context,
        base={"recipient": recipient, "user": recipient},
        attachments=attachments,
    )


def mail_render_to_address(
    *,
    address: str,
    language: str,
    time_zone: str,
    template_prefix: str,
    context: dict,
    attachments: AtSend | None = None,
) -> EmailMultiAlternatives:
    """Build the e-mail for someone without an account, in the language and zone they gave."""
    from lms.timezones import valid_zone

    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    return _render(
        address=address,
        language=language,
        zone=valid_zone(time_zone) or "UTC",
        template_prefix=template_prefix,
        context=context,
        base={"recipient": None, "user": None},
        attachments=attachments,
    )


def _render(
    *,
    address: str,
    language: str,
    zone: str,
    template_prefix: str,
    context: dict,
    base: dict,
    attachments: AtSend | None,
) -> EmailMultiAlternatives:
    with translation.override(language), timezone.override(zone):
        full = {**base, "language": language}
        for name, value in context.items():
            if isinstance(value, AtSend):
                value = value.resolve()
            elif callable(value):
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
        files = attachments.resolve() if attachments is not None else []
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        to=[address],
        headers={"Content-Language": language},
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in files:
        message.attach(filename, content, mimetype)
    return message
