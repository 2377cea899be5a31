"""Seed the demo: the home page in four languages and one account per role.

Safe to run again: what exists is kept, and the accounts are printed every time. The demo
passwords are public (they are in the README), so this refuses to run with DEBUG off unless
told ``--i-know-this-is-not-production``.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lms import roles, services
from lms.demo import home

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
]  # fmt: skip


class Command(BaseCommand):
    help = "Create the demo home page and accounts (idempotent) and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--i-know-this-is-not-production", action="store_true", dest="force")
        parser.add_argument("--quiet", action="store_true", help="Do not print the accounts.")

    def handle(self, *args, force=False, quiet=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates accounts with public passwords; DEBUG is off.")
        with transaction.atomic():
            home_page = home.home_pages_ensure()
            rows = [self._seed_account(*account) for account in DEMO_ACCOUNTS]
            self._seed_courses(home_page)
        if not quiet:
            self._print(rows)

    def _seed_courses(self, home_page) -> None:
        """The catalog, the mobile forensics course and a cohort-paced sample with a cohort."""
        from assessments.demo import mobile_forensics_quizzes
        from assessments.demo import seed as quiz_seed
        from courses import services as course_services
        from courses.demo import cohort_sample, mobile_forensics, seed

        User = get_user_model()
        learner = User.objects.get(email="learner@example.org")
        trainer = User.objects.get(email="trainer@example.org")
        coordinator = User.objects.get(email="coordinator@example.org")
        index = seed.catalog_ensure(home_page)
        forensics = seed.course_from_content(index=index, content=mobile_forensics)
        if not forensics.trainers.filter(pk=trainer.pk).exists():
            forensics.trainers.add(trainer)
            forensics.save_revision().publish()
        course_services.course_trainers_sync(course=forensics)
        quiz_seed.quizzes_from_content(
            course=forensics,
            content=mobile_forensics_quizzes,
            evidence_files=mobile_forensics.EVIDENCE_FILES,
        )
        sample = seed.course_from_content(index=index, content=cohort_sample)
        cohort = seed.cohort_ensure(
            course=sample,
            name="Demo cohort (started ten days ago)",
            country="SN",
            start_date=seed.sample_start_date(),
            coordinators=[coordinator],
        )
        course_services.enrolment_create(learner=learner, course=sample, cohort=cohort)

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
            line = f"  {role:<13} {email:<26} password: {password}"
            if secret:
                line += f"   TOTP secret: {secret}"
            self.stdout.write(line)
        self.stdout.write(
            "Staff accounts need a two-factor code to reach /admin/: add the secret to an "
            "authenticator app, or run\n  .venv/bin/python manage.py totp_code <email>"
        )
