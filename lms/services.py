"""Writes for accounts, profiles and roles. Views, commands and signals call these."""

import logging
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from lms import roles, selectors, timezones
from lms.models import Profile

User = get_user_model()
logger = logging.getLogger(__name__)


@transaction.atomic
def profile_ensure(*, user) -> Profile:
    """Return the user's profile, creating an empty one the first time."""
    profile, created = Profile.objects.get_or_create(user=user)
    if created:
        admin_language_sync(user=user, language=profile.preferred_language)
    return profile


def admin_language_sync(*, user, language: str) -> None:
    """Give Wagtail the person's preferred language (admin screens, workflow e-mails).

    Wagtail keeps its own ``UserProfile.preferred_language``; left empty, it falls back to the
    language of whatever request is running, so the admin followed the last public page
    visited and a moderation e-mail went out in its sender's language.
    """
    from wagtail.users.models import UserProfile

    wagtail_profile, _created = UserProfile.objects.update_or_create(
        user=user, defaults={"preferred_language": language}
    )
    # The caller's user object may already hold its Wagtail profile, read before this change.
    user.wagtail_userprofile = wagtail_profile


@transaction.atomic
def profile_language_follow_admin(*, user_id: int, language: str) -> None:
    """Take the language chosen in the Wagtail admin's account settings as the preferred one."""
    from django.conf import settings

    if language in dict(settings.LANGUAGES):
        Profile.objects.filter(user_id=user_id).exclude(preferred_language=language).update(
            preferred_language=language
        )


@transaction.atomic
def profile_update(*, user, **fields) -> Profile:
    """Save the given profile fields; unknown field names are a programming error."""
    profile = profile_ensure(user=user)
    allowed = {
        "given_name",
        "family_name",
        "country",
        "agency_type",
        "job_title",
        "preferred_language",
        "gender",
        "certificate_name",
        "certificate_language",
        "time_zone",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"profile_update() got unknown fields: {sorted(unknown)}")
    previous_zone = profile.time_zone
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    if profile.time_zone != previous_zone:
        _open_sessions_time_zone_set(user=user, time_zone=profile.time_zone)
        _admin_time_zone_set(user=user, time_zone=profile.time_zone)
    if "preferred_language" in fields:
        admin_language_sync(user=user, language=profile.preferred_language)
    if fields.get("given_name") is not None or fields.get("family_name") is not None:
        User.objects.filter(pk=user.pk).update(
            first_name=profile.given_name[:150], last_name=profile.family_name[:150]
        )
    return profile


def _open_sessions_time_zone_set(*, user, time_zone: str) -> None:
    """Write the profile's zone into each session the person has open.

    TimeZoneMiddleware reads the zone from the session so that no request queries the
    profile; a zone changed elsewhere (another device, a script) reaches those sessions here.
    """
    from allauth.usersessions.models import UserSession

    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in UserSession.objects.filter(user=user).values_list("session_key", flat=True):
        store = store_class(session_key=session_key)
        if store.exists(session_key):
            store[timezones.SESSION_KEY] = time_zone
            store.save()


def _admin_time_zone_set(*, user, time_zone: str) -> None:
    """Give the Wagtail admin the profile's zone.

    Wagtail shows each admin view in its own account setting's zone, else in UTC, whatever
    zone the request had; keeping that setting equal to the profile's makes the admin
    screens show times in the same zone as the site.
    """
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=user, defaults={"current_time_zone": time_zone})


@transaction.atomic
def profile_time_zone_adopt(*, user, time_zone: str) -> str:
    """Save the zone the browser reported to a profile that has none; return the profile's zone.

    The update only touches an empty zone, so a zone the person chose (even in another tab
    a moment ago) is never replaced, and the zone is saved once.
    """
    zone = timezones.valid_zone(time_zone)
    if not zone:
        raise ValueError(f"Unknown time zone {time_zone!r}.")
    if Profile.objects.filter(user=user, time_zone="").update(time_zone=zone):
        _open_sessions_time_zone_set(user=user, time_zone=zone)
        _admin_time_zone_set(user=user, time_zone=zone)
    return selectors.profile_time_zone(user=user)


@transaction.atomic
def roles_sync() -> None:
    """Create the role groups and give each exactly its permissions."""
    for group_name, pairs in roles.ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        permissions = []
        for app_label, codename in pairs:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                # Only possible on a flushed test database: some permissions (Wagtail
                # Localize's) are made by migrations, not by post_migrate.
                logger.warning("Permission %s.%s is missing.", app_label, codename)
                continue
            permissions.append(permission)
        group.permissions.set(permissions)


@transaction.atomic
def role_grant(*, user, role: str) -> None:
    """Give ``user`` a role (one of lms.roles' group names); granting twice is harmless."""
    if role not in roles.ROLE_PERMISSIONS:
        raise ValueError(f"Unknown role {role!r}.")
    user.groups.add(Group.objects.get(name=role))
    roles.role_names_forget(user)


@transaction.atomic
def role_revoke(*, user, role: str) -> None:
    """Take a role away from ``user``; revoking a role they do not have is harmless."""
    if role not in roles.ROLE_PERMISSIONS:
        raise ValueError(f"Unknown role {role!r}.")
    user.groups.remove(Group.objects.get(name=role))
    roles.role_names_forget(user)


def user_has_staff_role(user) -> bool:
    """Whether ``user`` works in the admin (staff role, Django staff or superuser)."""
    return roles.has_staff_role(user)


@transaction.atomic
def user_sessions_end(*, user) -> int:
    """End every session of ``user`` on the server; returns how many were ended."""
    from allauth.usersessions.models import UserSession

    ended = 0
    for session in UserSession.objects.filter(user=user):
        session.end()
        ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, user) -> None:
    """Deactivate an account and end all its sessions at once."""
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    user_sessions_end(user=user)


@transaction.atomic
def page_translation_import(*, page, language_code: str, strings: dict[str, str], user=None):
    """Translate ``page`` into a language through wagtail-localize, as a translator would.

    The page is submitted for translation (which keeps the translated tree synchronised with
    the source), its strings are exported as a PO catalog, each msgid found in ``strings`` gets
    its msgstr, the catalog is imported back and the translated page is published. Returns the
    translated page.
    """
    from wagtail.models import Locale, Page
    from wagtail_localize.models import Translation, TranslationSource
    from wagtail_localize.operations import TranslationCreator

    locale = Locale.objects.get(language_code=language_code)
    page = page.specific
    TranslationCreator(user, [locale]).create_translations(page)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    source.update_from_db()
    translation = Translation.objects.get(source=source, target_locale=locale)
    catalog = translation.export_po()
    for entry in catalog:
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
    translation.import_po(catalog, user=user)
    translation.save_target(user=user, publish=True)
    target = Page.objects.get(translation_key=page.translation_key, locale=locale)
    # wagtail-localize publishes on commit, from the page object as it was before any child
    # was translated; when a parent and its children are translated in one transaction, that
    # writes a stale child count back. Recount once the publication has run.
    transaction.on_commit(lambda: page_child_count_repair(target.pk))
    return target.specific


def page_child_count_repair(page_id: int) -> None:
    """Set a page's child count from its children (after a translation's publication)."""
    from wagtail.models import Page

    page = Page.objects.get(pk=page_id)
    children = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
    if page.numchild != children:
        Page.objects.filter(pk=page_id).update(numchild=children)


@transaction.atomic
def user_create(*, email: str, password: str | None, email_verified: bool = False, **profile):
    """Create an account with its e-mail address record and profile.

    ``password=None`` leaves the account without a usable password (an invited person sets one
    through the password-reset link).
    """
    from allauth.account.models import EmailAddress

    email = email.strip().lower()
    user = User(username=email[:150], email=email)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=email_verified)
    if profile:
        profile_update(user=user, **profile)
    return user


@transaction.atomic
def invitation_accept(*, user, password: str) -> None:
    """Set an invited person's first password and mark their primary address verified.

    The invitation link went to that address and only works while the account has no usable
    password, so following it proves the person reads the mailbox: asking them to confirm the
    address again before they can sign in would only block them.
    """
    from allauth.account.adapter import get_adapter
    from allauth.account.models import EmailAddress

    get_adapter().set_password(user, password)
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(
        verified=True, primary=True
    )


@transaction.atomic
def totp_activate(*, user, secret: str) -> None:
    """Give ``user`` a TOTP authenticator with a known secret, replacing any earlier one.

    Used by the demo seeding so that a reviewer can sign in to the admin; people enrol their
    own authenticator through allauth's pages.
    """
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    Authenticator.objects.filter(user=user).delete()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)


@transaction.atomic(savepoint=False)
def notification_create(*, recipient, kind: str, params: dict):
    """Record a notification for ``recipient`` (rendered when shown: see lms.notify).

    One INSERT, nearly always inside the caller's transaction: no savepoint of its own, which
    would cost two more queries per certificate in a bulk issue.
    """
    from lms.models import Notification

    return Notification.objects.create(
        recipient=recipient, kind=kind, params={"version": 1, **params}
    )


@transaction.atomic
def notification_mark_read(*, user, notification_id: int) -> bool:
    """Mark one of ``user``'s own notifications read; False when it is not theirs (or gone)."""
    from django.utils import timezone

    from lms.models import Notification

    mine = Notification.objects.filter(pk=notification_id, recipient=user)
    if not mine.exists():
        return False
    mine.filter(read_at__isnull=True).update(read_at=timezone.now())
    return True


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of ``user`` read; returns how many."""
    from django.utils import timezone

    from lms.models import Notification

    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def site_address_sync() -> None:
    """Give the default Wagtail site the host name and port of the public address.

    Wagtail builds a page's absolute URL (``full_url``: moderation e-mails, credentials) from
    its Site record, which the first migration made ``localhost:80``. ``LMS_BASE_URL`` is the
    address people use, so the Site follows it after every migrate.
    """
    from urllib.parse import urlsplit

    from django.conf import settings
    from wagtail.models import Site

    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if not parts.hostname:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (parts.hostname, port):
        return
    if Site.objects.filter(hostname=parts.hostname, port=port).exists():
        return  # another site already answers there; leave the arrangement to the operator
    site.hostname = parts.hostname
    site.port = port
    site.save()
