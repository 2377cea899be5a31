"""Two years of programme activity for the demo, so the programme report has figures to show.

Without it every count of the seeded demo is below the small-cell threshold and a programme
manager opening the report for the first time sees "<5" everywhere and no bar at all. This
adds fictional practitioners from several countries, agencies and genders, past cohorts of
the cohort-paced course, self-paced enrolments in the other courses, lesson completions, quiz
attempts (a pre-test and a post-test, so knowledge gain has figures), completions,
certificates (a few of them revoked) and pending applications, some with a nomination letter.

Rows are written with ``bulk_create`` in one transaction: going through the services person by
person would add minutes to ``seed_demo``, and the report, progress table and certificate
screens read the rows as the services would have left them. The data is drawn from a seeded
random generator, so every run makes the same people with the same records (dates are counted
back from the day of seeding). Every address ends in ``@people.demo.invalid`` and no password
is usable, so none of these people can sign in or be sent mail. Once they exist a new run adds
nothing.
"""

import datetime
import random
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from assessments.models import Attempt, QuizPage
from certificates import status_list
from certificates.models import Certificate
from certificates.services import certificate_credentials_sign_missing
from courses.models import Cohort, CoursePage, Enrolment, LessonCompletion, LessonPage
from lms.models import Profile

DOMAIN = "people.demo.invalid"
SEED = 2026
PEOPLE = 260
BATCH = 500

# (code, preferred language, weight): mostly the regions the programme trains in.
COUNTRIES = [
    ("SN", "fr", 5), ("CI", "fr", 4), ("CM", "fr", 3), ("MA", "fr", 3),
    ("BR", "pt", 5), ("MZ", "pt", 4), ("PT", "pt", 3), ("AO", "pt", 2),
    ("CO", "es", 4), ("PE", "es", 3), ("MX", "es", 3),
    ("GH", "en", 4), ("KE", "en", 4), ("NG", "en", 4), ("PH", "en", 2),
]  # fmt: skip
AGENCIES = [
    ("police", ["Investigator", "Digital forensics examiner", "Detective"], 40),
    ("prosecution", ["Prosecutor"], 20),
    ("judiciary", ["Judge"], 12),
    ("fiu", ["Financial analyst"], 12),
    ("central_bank", ["Compliance officer"], 6),
    ("other", ["Child protection officer", "Policy adviser"], 10),
]
GENDERS = [("female", 46), ("male", 44), ("declined", 4), ("", 4), ("other", 2)]
GIVEN_NAMES = [
    "Aïssatou", "Moussa", "Fatou", "Ibrahima", "Awa", "Koffi", "Adjoa", "Yao", "Nadia",
    "Youssef", "Samira", "Karim", "Ana", "Pedro", "Luísa", "Tiago", "Marta", "Carlos",
    "Beatriz", "Nuno", "Valentina", "Andrés", "Camila", "Diego", "Lucía", "Mateo", "Ximena",
    "Kwame", "Ama", "Kofi", "Esi", "Wanjiru", "Otieno", "Achieng", "Chinedu", "Ngozi",
    "Emeka", "Amara", "Maricel", "Jose", "Rosa", "Paulo", "Teresa", "Hélder", "Zainab",
]  # fmt: skip
FAMILY_NAMES = [
    "Ndoye", "Sarr", "Kouassi", "Bamba", "Mbarga", "Tchoumi", "El Idrissi", "Benali",
    "Carvalho", "Ferreira", "Machava", "Cossa", "Pires", "Monteiro", "Quispe", "Rojas",
    "Gutiérrez", "Salazar", "Mendoza", "Castillo", "Asante", "Boateng", "Mensah", "Kamau",
    "Njoroge", "Wekesa", "Okafor", "Adeyemi", "Eze", "Bello", "Dela Cruz", "Bautista",
    "Santos", "Nhantumbo", "Tavares", "Lopes", "Valdés", "Ortega", "Diouf", "Traoré",
]  # fmt: skip
# Past cohorts of the cohort-paced course: name, country, days since they started, size.
PAST_COHORTS = [
    ("Dakar 2025", "SN", 640, 34),
    ("Maputo 2025", "MZ", 470, 30),
    ("Bogotá 2025", "CO", 300, 32),
    ("Accra 2026", "GH", 140, 36),
]
NEW_MEMBERS_OF_CURRENT_COHORT = 17
SELF_PACED_LEARNERS = 95
# The oldest self-paced enrolment, in days before the seeding day.
HISTORY_DAYS = 720
# A minimal PDF, enough for the nomination letter check (it looks for the PDF signature).
LETTER_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class CourseOutline:
    """A course's lessons and quizzes in outline order, read once."""

    course: CoursePage
    lessons: list[int]
    # quiz id -> (module path, role, required); modules are matched to lessons by path
    quizzes: dict[int, tuple[str, str, bool]]
    lesson_modules: dict[int, str]

    @property
    def pre_test(self) -> int | None:
        return next((q for q, (_m, role, _r) in self.quizzes.items() if role == "pre_test"), None)

    @property
    def post_test(self) -> int | None:
        return next((q for q, (_m, role, _r) in self.quizzes.items() if role == "post_test"), None)


@transaction.atomic
def programme_activity_ensure(
    *, courses: list[CoursePage], cohort_course=None, current_cohort=None, coordinator=None
) -> int:
    """Seed the demo's practitioners once, then the activity of each course that has none
    yet; returns how many enrolments were added (0 on a second run).

    Each course draws from its own generator, so a course gets the same records whether it
    is seeded alone or with others, first or later.
    """
    now = timezone.now()
    people = _people_ensure()
    seeded = set(
        Enrolment.objects.filter(
            learner__email__endswith=f"@{DOMAIN}", course__in=courses
        ).values_list("course_id", flat=True)
    )
    plans: list[tuple[int, CoursePage, Cohort | None, datetime.datetime, float]] = []
    for course in courses:
        if course.pk in seeded:
            continue
        rng = random.Random(f"{SEED}-{course.slug}")  # noqa: S311 - fictional demo data
        if cohort_course is not None and course.pk == cohort_course.pk:
            plans += _cohort_plans(course, people, current_cohort, coordinator, rng, now)
        else:
            for person in rng.sample(people, SELF_PACED_LEARNERS):
                enrolled = now - datetime.timedelta(
                    days=rng.randint(3, HISTORY_DAYS), hours=rng.randint(0, 23)
                )
                plans.append((person, course, None, enrolled, 1.0))
    if not plans:
        return 0
    rng = random.Random(f"{SEED}-records-{len(seeded)}")  # noqa: S311
    outlines = {course.pk: _outline(course) for course in courses if course.pk not in seeded}
    enrolments = _records(plans, outlines, rng, now)
    _certificates_create(enrolments, rng)
    return len(enrolments)


def _cohort_plans(course, people, current_cohort, coordinator, rng, now) -> list[tuple]:
    """Four past cohorts of the cohort-paced course, and more members for the current one.

    The coordinator runs the two most recent past cohorts (their certificates are the ones
    a coordinator may revoke).
    """
    pool = list(people)
    rng.shuffle(pool)
    plans = []
    for name, country, days, size in PAST_COHORTS:
        start = now - datetime.timedelta(days=days)
        cohort, created = Cohort.objects.get_or_create(
            course=course, name=name, defaults={"country": country, "start_date": start.date()}
        )
        if created and coordinator is not None and days < 365:
            cohort.coordinators.add(coordinator)
        for _n in range(size):
            enrolled = start - datetime.timedelta(days=rng.randint(2, 12))
            plans.append((pool.pop(), course, cohort, enrolled, 1.0))
    if current_cohort is not None:
        start = datetime.datetime.combine(
            current_cohort.start_date, datetime.time(9), tzinfo=datetime.UTC
        )
        for _n in range(NEW_MEMBERS_OF_CURRENT_COHORT):
            enrolled = start - datetime.timedelta(days=rng.randint(1, 6))
            plans.append((pool.pop(), course, current_cohort, enrolled, 0.15))
    return plans


def _weighted(rng: random.Random, rows):
    return rng.choices(rows, weights=[row[-1] for row in rows])[0]


def _people_ensure() -> list[int]:
    """The demo practitioners' ids, creating them on the first run."""
    User = get_user_model()
    demo_people = User.objects.filter(email__endswith=f"@{DOMAIN}").order_by("pk")
    existing = list(demo_people.values_list("pk", flat=True))
    if existing:
        return existing
    rng = random.Random(SEED)  # noqa: S311 - fictional demo data, not a secret
    unusable = make_password(None)
    users, profiles = [], []
    for n in range(PEOPLE):
        given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
        country, language, _weight = _weighted(rng, COUNTRIES)
        agency, titles, _weight = _weighted(rng, AGENCIES)
        gender = _weighted(rng, GENDERS)[0]
        email = f"{_ascii(given)}.{_ascii(family)}.{n + 1}@{DOMAIN}"
        users.append(User(username=email, email=email, password=unusable, last_name=family))
        profiles.append(
            Profile(
                given_name=given,
                family_name=family,
                country=country,
                agency_type=agency,
                job_title=rng.choice(titles),
                gender=gender,
                preferred_language=language,
            )
        )
    created = User.objects.bulk_create(users, batch_size=BATCH)
    if not all(user.pk for user in created):  # backends that do not return ids
        created = list(User.objects.filter(email__endswith=f"@{DOMAIN}").order_by("pk"))
    for user, profile in zip(created, profiles, strict=True):
        profile.user_id = user.pk
    Profile.objects.bulk_create(profiles, batch_size=BATCH)
    return [user.pk for user in created]


def _ascii(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", "-")


def _outline(course: CoursePage) -> CourseOutline:
    lessons = list(
        LessonPage.objects.live().descendant_of(course).order_by("path").values_list("pk", "path")
    )
    quizzes = (
        QuizPage.objects.live()
        .descendant_of(course)
        .order_by("path")
        .values_list("pk", "path", "role", "required")
    )
    module_path = len(course.path) + QuizPage.steplen
    return CourseOutline(
        course=course,
        lessons=[pk for pk, _path in lessons],
        quizzes={pk: (path[:module_path], role, required) for pk, path, role, required in quizzes},
        lesson_modules={pk: path[:module_path] for pk, path in lessons},
    )


def _records(plans, outlines, rng, now):
    """Enrolments with their lesson completions and quiz attempts, as each plan says.

    A plan is (person, course, cohort, enrolled at, share of the course time that has passed):
    past cohorts and self-paced learners had all the time they needed, the current cohort
    only its first weeks.
    """
    enrolments, completions, attempts = [], [], []
    for person, course, cohort, enrolled, time_passed in plans:
        outline = outlines[course.pk]
        roll = rng.random()
        available = now - enrolled
        if time_passed < 1:
            status, share = Enrolment.Status.ACTIVE, rng.uniform(0, 0.3)
        elif roll < 0.06:
            status, share = Enrolment.Status.WITHDRAWN, rng.uniform(0, 0.4)
        elif roll < 0.68 and available > datetime.timedelta(days=30):
            status, share = Enrolment.Status.COMPLETED, 1.0
        else:
            status, share = Enrolment.Status.ACTIVE, rng.uniform(0.05, 0.9)
        done = outline.lessons[: round(share * len(outline.lessons))]
        if status == Enrolment.Status.COMPLETED:
            days = rng.randint(30, min(120, available.days))
            finished = enrolled + datetime.timedelta(days=days, hours=rng.randint(0, 8))
        else:
            finished = None
        last_activity = finished or enrolled + (now - enrolled) * share
        enrolments.append(
            Enrolment(
                learner_id=person,
                course=course,
                cohort=cohort,
                status=status,
                enrolled_at=enrolled,
                completed_at=finished,
                withdrawn_at=last_activity if status == Enrolment.Status.WITHDRAWN else None,
                progress_percent=round(100 * len(done) / len(outline.lessons))
                if outline.lessons
                else 0,
                last_lesson_id=done[-1] if done else None,
                last_activity_at=last_activity,
            )
        )
        span = (last_activity - enrolled) / max(len(done), 1)
        completions += [
            LessonCompletion(learner_id=person, lesson_id=lesson, completed_at=enrolled + span * n)
            for n, lesson in enumerate(done, start=1)
        ]
        attempts += _attempts(outline, person, status, done, enrolled, last_activity, rng)
    _bulk_create_dated(Enrolment, enrolments, "enrolled_at")
    _bulk_create_dated(LessonCompletion, completions, "completed_at")
    Attempt.objects.bulk_create(attempts, batch_size=BATCH)
    return enrolments


def _bulk_create_dated(model, rows: list, field_name: str) -> None:
    """bulk_create, keeping the dates planned for an ``auto_now_add`` field.

    The field would stamp every row with the current time on insert. It is switched off for
    the insert only (this runs in the seeding command, not while serving requests): putting
    the dates back afterwards with bulk_update took three quarters of the seeding time.
    """
    field = model._meta.get_field(field_name)
    field.auto_now_add = False
    try:
        model.objects.bulk_create(rows, batch_size=BATCH)
    finally:
        field.auto_now_add = True


def _attempts(outline, person, status, done, enrolled, last_activity, rng) -> list[Attempt]:
    """A pre-test at the start for most, each required quiz of a finished module, and the
    post-test for those who completed; first attempts only."""
    rows = []
    before = Decimal(rng.randint(20, 60)) / 100
    if outline.pre_test and rng.random() < 0.9:
        rows.append(_attempt(outline.pre_test, person, before, enrolled + datetime.timedelta(1)))
    finished_modules = {
        module
        for module in set(outline.lesson_modules.values())
        if all(lesson in done for lesson, m in outline.lesson_modules.items() if m == module)
    }
    for quiz, (module, role, required) in outline.quizzes.items():
        if role or not required or module not in finished_modules:
            continue
        score = Decimal(rng.randint(70, 100)) / 100
        rows.append(_attempt(quiz, person, score, last_activity))
    if outline.post_test and status == Enrolment.Status.COMPLETED:
        after = min(before + Decimal(rng.randint(15, 45)) / 100, Decimal(1))
        after = max(after, Decimal("0.7"))
        rows.append(_attempt(outline.post_test, person, after, last_activity))
    return rows


def _attempt(quiz_id: int, person: int, score: Decimal, submitted_at) -> Attempt:
    return Attempt(
        quiz_id=quiz_id,
        learner_id=person,
        number=1,
        state=Attempt.State.SUBMITTED,
        seed="demo",
        layout={"version": 1, "questions": []},
        started_at=submitted_at - datetime.timedelta(minutes=25),
        submitted_at=submitted_at,
        score=score,
        passed=score >= Decimal("0.7"),
    )


def _certificates_create(enrolments: list[Enrolment], rng: random.Random) -> int:
    """Certificates of completed enrolments as each course's rule says.

    Courses that issue automatically have one per completion; a coordinator has issued most
    of theirs, leaving some people who earned one for the bulk issue to show. Three were
    revoked (issued in error).
    """
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in={e.learner_id for e in enrolments}).only(
            "user_id", "given_name", "family_name", "preferred_language"
        )
    }
    rows = []
    for enrolment in enrolments:
        course = enrolment.course
        rule = course.certificate_issue
        if enrolment.status != Enrolment.Status.COMPLETED:
            continue
        if rule == CoursePage.CertificateIssue.NONE:
            continue
        if rule == CoursePage.CertificateIssue.COORDINATOR and rng.random() < 0.15:
            continue
        profile = profiles[enrolment.learner_id]
        issued = enrolment.completed_at + datetime.timedelta(days=rng.randint(0, 10))
        rows.append(
            Certificate(
                learner_id=enrolment.learner_id,
                course=course,
                course_title=course.title,
                name_as_printed=f"{profile.given_name} {profile.family_name}",
                language=profile.preferred_language or "en",
                hours=course.estimated_hours,
                issued_at=min(issued, timezone.now()),
            )
        )
    # bulk_create skips Certificate.save, which draws a position in the revocation list one
    # query at a time: draw them all here, from the positions nobody holds.
    taken = Certificate.objects.aggregate(
        top=Max("status_index"), legacy=Max("legacy_status_index")
    )
    held = set(Certificate.objects.values_list("status_index", flat=True))
    held |= set(
        Certificate.objects.exclude(legacy_status_index=None).values_list(
            "legacy_status_index", flat=True
        )
    )
    capacity = status_list.capacity_for(len(held) + len(rows))
    capacity = max(capacity, (taken["top"] or 0) + 1, (taken["legacy"] or 0) + 1)
    free = [n for n in range(capacity) if n not in held]
    for row, index in zip(rows, rng.sample(free, len(rows)), strict=True):
        row.status_index = index
    for row in rng.sample(rows, min(3, len(rows))):
        row.revoked_at = row.issued_at + datetime.timedelta(days=20)
        row.revocation_reason = Certificate.RevocationReason.ISSUED_IN_ERROR
    _bulk_create_dated(Certificate, rows, "issued_at")
    certificate_credentials_sign_missing(
        certificates=Certificate.objects.filter(
            status_index__in=[row.status_index for row in rows]
        )
    )
    return len(rows)


@transaction.atomic
def applications_ensure(*, courses: list[CoursePage]) -> int:
    """Pending applications for the courses that take them, two with a nomination letter.

    Made through the real service, for demo people not enrolled in the course; only once
    per course.
    """
    from coordination import services as coordination
    from coordination.models import EnrolmentApplication

    User = get_user_model()
    made = 0
    for n, course in enumerate(courses):
        demo = EnrolmentApplication.objects.filter(applicant__email__endswith=f"@{DOMAIN}")
        if demo.filter(course=course).exists():
            continue
        enrolled = Enrolment.objects.filter(course=course).values("learner_id")
        applicants = (
            User.objects.filter(email__endswith=f"@{DOMAIN}")
            .exclude(pk__in=enrolled)
            .select_related("profile")
            .order_by("pk")[3 * n : 3 * n + 2]
        )
        for k, applicant in enumerate(applicants):
            profile = applicant.profile
            letter = ContentFile(LETTER_PDF, name="nomination.pdf") if k == 0 else None
            coordination.application_submit(
                course=course,
                applicant=applicant,
                letter=letter,
                agency_name=f"National {profile.get_agency_type_display()} ({profile.country})",
                agency_type=profile.agency_type,
                job_title=profile.job_title,
                supervisor_email=f"supervisor.{applicant.pk}@{DOMAIN}",
                motivation=(
                    "I lead cases in this field and my unit has no one trained in it yet; my "
                    "supervisor has nominated me so that I can train colleagues afterwards."
                ),
            )
            made += 1
    return made
