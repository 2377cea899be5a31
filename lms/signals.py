"""Signal receivers that keep profiles, sessions and languages in step with accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.users.models import UserProfile

from lms import roles, services, timezones
from lms.middleware import SESSION_AUTHENTICATED_AT, SESSION_SEEN_AT

User = get_user_model()


@receiver(post_save, sender=User, dispatch_uid="lms_profile_for_new_user")
def create_profile_for_new_user(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.profile_ensure(user=instance)


@receiver(post_save, sender=User, dispatch_uid="lms_end_sessions_of_inactive_user")
def end_sessions_of_inactive_user(sender, instance, created, raw=False, **kwargs):
    # Deactivation from anywhere (the Wagtail user editor included) ends sessions at once.
    if not created and not raw and not instance.is_active:
        services.user_sessions_end(user=instance)


@receiver(user_logged_in, dispatch_uid="lms_apply_preferences_at_login")
def apply_preferences_at_login(sender, request, user, **kwargs):
    now = timezone.now().timestamp()
    request.session[SESSION_AUTHENTICATED_AT] = now
    request.session[SESSION_SEEN_AT] = now
    profile = services.profile_ensure(user=user)
    # Read by TimeZoneMiddleware on every request, so that none of them queries the profile.
    request.session[timezones.SESSION_KEY] = profile.time_zone
    # Read by PreferredLanguageMiddleware on the way out.
    request.lms_login_profile = profile


@receiver(post_save, sender=UserProfile, dispatch_uid="lms_profile_language_from_admin")
def profile_language_from_admin(sender, instance, raw=False, **kwargs):
    # A language chosen in the admin's own account settings is the person's language too.
    if not raw and instance.preferred_language:
        services.profile_language_follow_admin(
            user_id=instance.user_id, language=instance.preferred_language
        )


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="lms_forget_role_names")
def forget_role_names(sender, instance, reverse=False, **kwargs):
    # A user object whose groups change (the Wagtail user editor, a test) must not answer
    # role questions from the names it read before.
    if not reverse:
        roles.role_names_forget(instance)
