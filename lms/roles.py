"""The four roles and what each may do.

Roles are Django groups created by a data migration (lms/migrations/0002_roles_and_locales.py)
and kept in step by ``roles_sync``; people get and lose them through
``lms.services.role_grant`` and ``role_revoke`` (``manage.py roles``). Per-course page
permissions for trainers are added by the courses app when a trainer is assigned to a course,
and so are the collection permissions that let trainers and lead trainers upload and choose
images and documents (Wagtail ignores model-wide image and document permissions). Question
bank permissions are model-wide here and narrowed to each person's courses by
``assessments.permissions``.
"""

from django.utils.translation import gettext_lazy as _

LEARNER = "Learner"
TRAINER = "Trainer"
LEAD_TRAINER = "Lead trainer"
COORDINATOR = "Coordinator"
PROGRAMME_MANAGER = "Programme manager"

ROLE_LABELS = {
    LEARNER: _("learner"),
    TRAINER: _("trainer"),
    LEAD_TRAINER: _("lead trainer"),
    COORDINATOR: _("coordinator"),
    PROGRAMME_MANAGER: _("programme manager"),
}

# Short names accepted on the command line.
ROLE_SLUGS = {
    "learner": LEARNER,
    "trainer": TRAINER,
    "lead-trainer": LEAD_TRAINER,
    "coordinator": COORDINATOR,
    "programme-manager": PROGRAMME_MANAGER,
}

# Roles that work in the Wagtail admin, and so must set up two-factor authentication.
STAFF_ROLES = frozenset({TRAINER, LEAD_TRAINER, COORDINATOR, PROGRAMME_MANAGER})

# (app_label, codename) pairs granted to each group.
COORDINATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("certificates", "add_certificate"),
    ("certificates", "change_certificate"),
    ("certificates", "view_certificate"),
    ("courses", "add_cohort"),
    ("courses", "change_cohort"),
    ("courses", "view_cohort"),
]
# Model-wide, but each person reaches only the categories and questions of their courses
# (assessments.permissions); programme managers reach all of them.
QUESTION_BANK_PERMISSIONS = [
    ("assessments", "add_question"),
    ("assessments", "change_question"),
    ("assessments", "view_question"),
    ("assessments", "delete_question"),
    ("assessments", "add_questioncategory"),
    ("assessments", "change_questioncategory"),
    ("assessments", "view_questioncategory"),
]
ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    LEARNER: [],
    TRAINER: [
        ("wagtailadmin", "access_admin"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtail_localize", "submit_translation"),
        ("assessments", "add_question"),
        ("assessments", "change_question"),
        ("assessments", "view_question"),
        ("assessments", "add_questioncategory"),
        ("assessments", "change_questioncategory"),
        ("assessments", "view_questioncategory"),
    ],
    LEAD_TRAINER: [
        ("wagtailadmin", "access_admin"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtail_localize", "submit_translation"),
        ("assessments", "add_question"),
        ("assessments", "change_question"),
        ("assessments", "view_question"),
        ("assessments", "add_questioncategory"),
        ("assessments", "change_questioncategory"),
        ("assessments", "view_questioncategory"),
        ("assessments", "delete_question"),
    ],
    COORDINATOR: COORDINATOR_PERMISSIONS,
    # Everything a coordinator does, for every cohort, plus the audit log and every course's
    # question bank (including categories that belong to no course).
    PROGRAMME_MANAGER: [
        *COORDINATOR_PERMISSIONS,
        ("coordination", "view_auditevent"),
        *QUESTION_BANK_PERMISSIONS,
        # The programme's name, logo and signatories on every certificate.
        ("certificates", "add_certificatetemplate"),
        ("certificates", "change_certificatetemplate"),
        ("certificates", "view_certificatetemplate"),
    ],
}


# Role predicates. A request has one user object, so the user's group names are read once
# (one query) and kept on it: a page that asks "is this a coordinator?" for every row or
# every scope check pays for one query, not one per call. role_grant and role_revoke (and any
# change to the user's groups, through lms.signals) forget the cached names.
_ROLE_NAMES_ATTRIBUTE = "_lms_role_names"


def role_names(user) -> frozenset[str]:
    """The names of the groups (roles) ``user`` belongs to; read once per user object."""
    if not user.is_authenticated:
        return frozenset()
    names = getattr(user, _ROLE_NAMES_ATTRIBUTE, None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, _ROLE_NAMES_ATTRIBUTE, names)
    return names


def role_names_forget(user) -> None:
    """Drop the cached group names, after the user's groups changed."""
    user.__dict__.pop(_ROLE_NAMES_ATTRIBUTE, None)


def has_role(user, *names: str) -> bool:
    """Whether ``user`` holds one of the roles ``names``."""
    return not role_names(user).isdisjoint(names)


def is_programme_manager(user) -> bool:
    """Programme managers (and superusers) see and act on everything."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or has_role(user, PROGRAMME_MANAGER)


def is_coordinator(user) -> bool:
    """Coordinators run cohorts; a programme manager can do whatever a coordinator can."""
    return is_programme_manager(user) or has_role(user, COORDINATOR)


def has_staff_role(user) -> bool:
    """Whether ``user`` works in the admin (staff role, Django staff or superuser)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or has_role(user, *STAFF_ROLES)
