"""Seed the demo: the home page and the courses of content/ in four languages, and one
account per role.

Safe to run again: accounts are kept, and only the pages and questions whose content files
changed get a new revision; the accounts are printed every time. Wagtail's reference index
and the search index are rebuilt once at the end rather than after each save. The demo
passwords are public (they are in the README), so this refuses to run with DEBUG off unless
told ``--i-know-this-is-not-production``.
"""

import time
from contextlib import contextmanager
from pathlib import Path

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.signals import post_save
from modelsearch.index import get_indexed_models
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import (
    connect_reference_index_signal_handlers,
    disconnect_reference_index_signal_handlers,
)

from curriculum.demo import home
from curriculum.demo import programme as activity
from lms import roles, services
from lms.i18n import TRANSLATED_LANGUAGES

DEMO_ACCOUNTS = [
    # e-mail, password, role, profile
    (
        "learner@example.org",
        "learn-cyber-2026",
        roles.LEARNER,
        {"given_name": "Amina", "family_name": "Diallo", "country": "SN",
         "agency_type": "police", "job_title": "Investigator", "preferred_language": "fr"},
    ),
    (
        "trainer@example.org",
        "teach-cyber-2026",
        roles.TRAINER,
        {"given_name": "João", "family_name": "Mendes", "country": "MZ",
         "agency_type": "police", "job_title": "Digital forensics trainer",
         "preferred_language": "pt"},
    ),
    (
        "lead@example.org",
        "review-cyber-2026",
        roles.LEAD_TRAINER,
        {"given_name": "Lucía", "family_name": "Fernández", "country": "CO",
         "agency_type": "prosecution", "job_title": "Lead trainer", "preferred_language": "es"},
    ),
    (
        "coordinator@example.org",
        "run-cohorts-2026",
        roles.COORDINATOR,
        {"given_name": "Grace", "family_name": "Owusu", "country": "GH",
         "agency_type": "other", "job_title": "Programme coordinator",
         "preferred_language": "en"},
    ),
    (
        "manager@example.org",
        "see-programme-2026",
        roles.PROGRAMME_MANAGER,
        {"given_name": "Rafael", "family_name": "Ortiz", "country": "PE",
         "agency_type": "other", "job_title": "Programme manager",
         "preferred_language": "es"},
    ),
]  # fmt: skip


@contextmanager
def _reference_index_paused():
    """Wagtail's reference-index signal handlers disconnected while the block runs (its commit
    included), connected again after. Wagtail's own ``disable_reference_index_auto_update``
    does not nest: the translation step uses it too, and leaving it would switch indexing
    back on halfway through the seed (and then fail leaving ours)."""
    disconnect_reference_index_signal_handlers()
    try:
        yield
    finally:
        connect_reference_index_signal_handlers()


@contextmanager
def _search_index_paused():
    """The search index's save handlers disconnected while the block runs, connected again
    after. A page is saved several times while it is seeded (created, revised, published,
    translated), and each save indexed it again: most of that work was thrown away. Deleting
    still updates the index."""
    models = [
        model for model in get_indexed_models() if getattr(model, "search_auto_update", True)
    ]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


class Command(BaseCommand):
    help = (
        "Create the demo home page, accounts and courses (from content/, idempotent) and "
        "print how to sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--i-know-this-is-not-production", action="store_true", dest="force")
        parser.add_argument(
            "--quiet", action="store_true", help="Print only problems, not progress or accounts."
        )
        parser.add_argument(
            "--programme",
            action="append",
            dest="programmes",
            help="Load only this programme of content/ (repeat for more).",
        )
        parser.add_argument(
            "--content-dir", type=Path, help="Load the programmes of this folder, not content/."
        )
        parser.add_argument(
            "--english-only",
            action="store_true",
            help="Do not translate the programmes (much quicker on an empty database).",
        )

    def handle(
        self,
        *args,
        force=False,
        quiet=False,
        programmes=None,
        content_dir=None,
        english_only=False,
        **options,
    ):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates accounts with public passwords; DEBUG is off.")
        self.quiet = quiet
        started = time.monotonic()
        # Every page, revision and question saved would queue one Wagtail reference-index task
        # (about 2,200 for the demo, left to the production worker); the index is rebuilt
        # once instead, at the end (issue 15).
        # The same holds for the search index (several saves per page): indexed once at the end.
        with _reference_index_paused(), _search_index_paused(), transaction.atomic():
            home_page = home.home_pages_ensure()
            rows = [self._seed_account(*account) for account in DEMO_ACCOUNTS]
            languages = () if english_only else TRANSLATED_LANGUAGES
            self._seed_courses(home_page, programmes or (), content_dir, languages)
        call_command("rebuild_references_index", verbosity=0)
        call_command("wagtail_update_index", verbosity=0)
        self._report(f"Demo seeded in {time.monotonic() - started:.1f} s.")
        if not quiet:
            self._print(rows)

    def _report(self, line: str) -> None:
        if not self.quiet:
            self.stdout.write(line)
            self.stdout.flush()

    def _seed_courses(self, home_page, programmes, content_dir, languages) -> None:
        """The catalog, every programme of content/ in four languages, and a demo cohort."""
        from coordination import services as coordination
        from courses import services as course_services
        from courses.demo import seed
        from curriculum.loading import ContentError, programme_load
        from curriculum.reader import programmes_read
        from curriculum.translating import programme_translate

        User = get_user_model()
        index = seed.catalog_ensure(home_page)
        courses = {}
        for programme in programmes_read(content_dir, programmes):
            if programme.errors:
                self.stderr.write(
                    f"{programme.slug}: not loaded, its files have {len(programme.errors)} "
                    f"errors (manage.py check_content {programme.slug})"
                )
                continue
            try:
                loaded = programme_load(index=index, programme=programme, report=self._report)
            except ContentError as error:
                self.stderr.write(f"{programme.slug}: not loaded: {error}")
                continue
            course = courses[programme.slug] = loaded.course
            if programme.slug == seed.TRAINER_COURSE:
                trainer = User.objects.get(email="trainer@example.org")
                if not course.trainers.filter(pk=trainer.pk).exists():
                    course.trainers.add(trainer)
                    course.save_revision().publish()
            for language in languages:
                programme_translate(loaded=loaded, language_code=language, report=self._report)
            if course.trainers.exists():
                course_services.course_trainers_sync(course=course)
        paced = courses.get(seed.COHORT_COURSE)
        if paced is not None:
            coordinator = User.objects.get(email="coordinator@example.org")
            # A coordinator reaches only the courses a programme manager assigned them.
            coordination.course_assign(course=paced, coordinator=coordinator, by=None)
            cohort = seed.cohort_ensure(
                course=paced,
                name="Demo cohort (started ten days ago)",
                country="SN",
                start_date=seed.sample_start_date(),
                coordinators=[coordinator],
            )
            course_services.enrolment_create(
                learner=User.objects.get(email="learner@example.org"), course=paced, cohort=cohort
            )
        self._seed_activity(courses, paced, cohort if paced is not None else None)
        from live.demo import demo_webinar_ensure

        registrations = demo_webinar_ensure(index=index)
        if registrations:
            self._report(f"Live session: a past webinar with {registrations} registrations")

    def _seed_activity(self, courses, paced, cohort) -> None:
        """Past cohorts, practitioners and their records (curriculum.demo.programme), and the
        applications the coordinator decides; the coordinator also runs a self-paced course
        that takes applications."""
        from coordination import services as coordination
        from courses.demo import seed
        from courses.models import CoursePage

        coordinator = get_user_model().objects.get(email="coordinator@example.org")
        vetted = courses.get(seed.APPLICATIONS_COURSE)
        if vetted is not None:
            coordination.course_assign(course=vetted, coordinator=coordinator, by=None)
        enrolments = activity.programme_activity_ensure(
            courses=list(courses.values()),
            cohort_course=paced,
            current_cohort=cohort,
            coordinator=coordinator,
        )
        applications = activity.applications_ensure(
            courses=[
                course
                for course in courses.values()
                if course.enrolment == CoursePage.Enrolment.APPROVAL
            ]
        )
        if enrolments or applications:
            self._report(
                f"Programme activity: {enrolments} enrolments of fictional practitioners, "
                f"{applications} applications added"
            )
        if cohort is not None:
            from discussions.demo import demo_replies_ensure

            replies = demo_replies_ensure(cohort=cohort, moderator=coordinator)
            if replies:
                self._report(f"Discussion: {replies} replies in the demo cohort's first case")

    def _seed_account(self, email, password, role, profile):
        User = get_user_model()
        user = User.objects.filter(email=email).first()
        if user is None:
            user = services.user_create(
                email=email, password=password, email_verified=True, **profile
            )
        services.role_grant(user=user, role=role)
        secret = None
        if role in roles.STAFF_ROLES:
            authenticator = Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).first()
            if authenticator is None:
                secret = generate_totp_secret()
                services.totp_activate(user=user, secret=secret)
            else:
                secret = decrypt(authenticator.data["secret"])
        return email, password, roles.ROLE_LABELS[role], secret

    def _print(self, rows) -> None:
        self.stdout.write("Demo accounts (development only):")
        for email, password, role, secret in rows:
            line = f"  {role:<17} {email:<26} password: {password}"
            if secret:
                line += f"   TOTP secret: {secret}"
            self.stdout.write(line)
        self.stdout.write(
            "Staff accounts need a two-factor code to reach /admin/: add the secret to an "
            "authenticator app, or run\n  .venv/bin/python manage.py totp_code <email>"
        )
