"""Coordination's reads: the progress table, members, candidates, audit log, assignments.

The progress table is learners × modules, with at-risk flags, certificates and exports.

``cohort_progress_for`` reads everything in a fixed number of queries, whatever the number of
learners and modules (one query each for the enrolments, modules, the course's steps, quizzes,
lesson completions, quiz grades, discussion replies when the course has a case, and
certificates, plus the certificate rule's own reads); filtering and sorting then happen in
memory, so the page and its exports show the same rows.

A module's tick is the completion rule's answer (``courses.completion``), the same the learner's
outline and the lock on the next module give: every required lesson, quiz and discussion case
done, and a module with nothing required counts as done.

The at-risk rule lives in ``learner_risk``, a pure function, with its two thresholds in the
settings ``LMS_AT_RISK_INACTIVE_DAYS`` and ``LMS_AT_RISK_GRACE_DAYS``.

Who may see which cohort, learner or application is not decided here but in
``coordination.scope`` (the permission layer); the readers below take an already scoped
cohort or queryset.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assessments.grading import score_percent
from assessments.selectors import quiz_grades_for
from coordination import scope
from coordination.models import AuditEvent, CourseAssignment, EnrolmentApplication, ReminderBatch
from courses import completion
from courses.models import Cohort, CoursePage, Enrolment, LessonCompletion, ModulePage
from lms import spreadsheets
from lms.prepared import PLACEHOLDER, prepared


class CertificateStatus(models.TextChoices):
    NONE = "none", gettext_lazy("none")
    ELIGIBLE = "eligible", gettext_lazy("eligible, not issued")
    ISSUED = "issued", gettext_lazy("issued")
    REVOKED = "revoked", gettext_lazy("revoked")


# Columns the table sorts by; "-name" etc. reverses.
SORTS = ("name", "progress", "activity", "risk")
SHOW_CHOICES = {
    "": gettext_lazy("everyone"),
    "at_risk": gettext_lazy("at risk only"),
    "completed": gettext_lazy("completed the course"),
}


@dataclass(frozen=True)
class Risk:
    """Why a learner is at risk; neither reason set means they are on track."""

    inactive_days: int | None = None
    modules_completed: int = 0
    modules_due: int = 0

    @property
    def is_behind(self) -> bool:
        return self.modules_completed < self.modules_due

    @property
    def is_at_risk(self) -> bool:
        return self.inactive_days is not None or self.is_behind

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.inactive_days is not None:
            reasons.append(
                ngettext(
                    "no activity for %(days)d day",
                    "no activity for %(days)d days",
                    self.inactive_days,
                )
                % {"days": self.inactive_days}
            )
        if self.is_behind:
            reasons.append(
                ngettext(
                    "behind the schedule: %(done)d of %(due)d module due completed",
                    "behind the schedule: %(done)d of %(due)d modules due completed",
                    self.modules_due,
                )
                % {"done": self.modules_completed, "due": self.modules_due}
            )
        return reasons


def learner_risk(
    *,
    last_active_on: datetime.date,
    modules_completed: int,
    module_release_dates: list[datetime.date],
    today: datetime.date,
    inactive_days: int | None = None,
    grace_days: int | None = None,
) -> Risk:
    """Whether a learner is at risk, and why.

    Inactive: ``inactive_days`` or more days since ``last_active_on`` (their last activity, or
    when they could first have been active). Behind: fewer modules completed than modules
    due, a module being due once ``grace_days`` full days have passed since it opened.
    Pass no release dates for a course without a schedule (self-paced).
    """
    if inactive_days is None:
        inactive_days = settings.LMS_AT_RISK_INACTIVE_DAYS
    if grace_days is None:
        grace_days = settings.LMS_AT_RISK_GRACE_DAYS
    idle = (today - last_active_on).days
    due = sum(
        1
        for opens_on in module_release_dates
        if today > opens_on + datetime.timedelta(days=grace_days)
    )
    return Risk(
        inactive_days=idle if idle >= inactive_days else None,
        modules_completed=modules_completed,
        modules_due=due,
    )


@dataclass(frozen=True)
class QuizColumn:
    id: int
    title: str
    required: bool
    grading_method: str
    pass_mark: int


@dataclass(frozen=True)
class SessionColumn:
    """A live session that is a step of the module."""

    id: int
    title: str
    required: bool
    key: object = None  # the page's translation_key, as the completion rule names steps


@dataclass
class ModuleColumn:
    page: ModulePage
    opens_on: datetime.date
    lesson_keys: set = field(default_factory=set)  # translation keys of required lessons
    quizzes: list[QuizColumn] = field(default_factory=list)
    sessions: list[SessionColumn] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.page.title


@dataclass(frozen=True)
class QuizScore:
    quiz: QuizColumn
    grade: Decimal | None
    awaiting: bool = False  # an attempt waits for a trainer to mark a written answer

    @property
    def percent(self) -> int | None:
        return score_percent(self.grade)

    @property
    def passed(self) -> bool:
        return self.grade is not None and self.grade * 100 >= self.quiz.pass_mark


@dataclass(frozen=True)
class SessionMark:
    """A learner's place in one live session: attended, registered (or waiting), or none."""

    session: SessionColumn
    state: str = ""  # "attended", "registered", "waitlisted" or "" (not registered)

    @property
    def label(self) -> str:
        return str(SESSION_STATES.get(self.state, "–"))


SESSION_STATES = {
    "attended": gettext_lazy("attended"),
    "registered": gettext_lazy("registered"),
    "waitlisted": gettext_lazy("on the waitlist"),
}


@dataclass(frozen=True)
class ModuleCell:
    lessons_done: int
    lessons_total: int
    scores: list[QuizScore]
    done: bool = False  # the completion rule's answer for this learner and module
    sessions: list[SessionMark] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        """Every required step done (lessons, quizzes, cases); true when none is required."""
        return self.done


@dataclass
class LearnerRow:
    enrolment: Enrolment
    cells: list[ModuleCell]
    last_activity: datetime.datetime | None
    risk: Risk
    certificate: str

    @property
    def learner(self):
        return self.enrolment.learner

    @property
    def name(self) -> str:
        profile = getattr(self.learner, "profile", None)
        return profile.display_name if profile else self.learner.email

    @property
    def email(self) -> str:
        return self.learner.email

    @property
    def progress_percent(self) -> int:
        return self.enrolment.progress_percent

    @property
    def has_completed(self) -> bool:
        return self.enrolment.status == Enrolment.Status.COMPLETED

    @property
    def modules_completed(self) -> int:
        return sum(1 for cell in self.cells if cell.is_complete)

    @property
    def is_at_risk(self) -> bool:
        return self.risk.is_at_risk

    @property
    def certificate_label(self) -> str:
        return str(CertificateStatus(self.certificate).label)


@dataclass
class CohortProgress:
    cohort: Cohort
    modules: list[ModuleColumn]
    rows: list[LearnerRow]
    learner_count: int
    at_risk_count: int
    sort: str = "name"
    show: str = ""
    query: str = ""

    @property
    def quizzes(self) -> list[QuizColumn]:
        return [quiz for module in self.modules for quiz in module.quizzes]

    @property
    def is_filtered(self) -> bool:
        return bool(self.show or self.query)

    @property
    def next_sort(self) -> dict[str, str]:
        """For each sortable column, the ``sort`` its heading links to; a second click reverses."""
        return {key: f"-{key}" if self.sort == key else key for key in SORTS}

    @property
    def aria_sort(self) -> dict[str, str]:
        """For each sortable column, its ``aria-sort`` value."""
        sorted_by = self.sort.removeprefix("-")
        direction = "descending" if self.sort.startswith("-") else "ascending"
        return {key: direction if key == sorted_by else "none" for key in SORTS}


def _course_items(course: CoursePage, cohort: Cohort):
    """The course's live modules in order, their required lessons and quizzes, and the steps
    the completion rule counts: three queries."""
    from assessments.models import QuizPage

    columns = [
        ModuleColumn(page=module, opens_on=cohort.release_date_for(module))
        for module in ModulePage.objects.live()
        .child_of(course)
        .only("id", "path", "depth", "title", "release_offset_days")
        .order_by("path")
    ]
    by_path = {column.page.path: column for column in columns}
    steps = completion.course_steps_for(course)
    for step in steps.steps:
        column = by_path.get(step.module_path)
        if column is not None and step.kind == "lessons" and step.required:
            column.lesson_keys.add(step.key)
    parent_length = len(course.path) + ModulePage.steplen
    for quiz in (
        QuizPage.objects.live()
        .descendant_of(course)
        .order_by("path")
        .values("id", "path", "title", "required", "grading_method", "pass_mark")
    ):
        column = by_path.get(quiz["path"][:parent_length])
        if column is not None:
            column.quizzes.append(
                QuizColumn(
                    id=quiz["id"],
                    title=quiz["title"],
                    required=quiz["required"],
                    grading_method=quiz["grading_method"],
                    pass_mark=quiz["pass_mark"],
                )
            )
    if any(step.kind == "live_sessions" for step in steps.steps):
        _sessions_add(course, by_path, parent_length)
    return columns, steps


def _sessions_add(course: CoursePage, by_path: dict, parent_length: int) -> None:
    """The live sessions of the course's modules, as columns: one query, only for a course
    that has one."""
    from live.models import LiveSessionPage

    for session in (
        LiveSessionPage.objects.live()
        .descendant_of(course)
        .order_by("path")
        .values("id", "path", "title", "required", "translation_key")
    ):
        column = by_path.get(session["path"][:parent_length])
        if column is not None:
            column.sessions.append(
                SessionColumn(
                    id=session["id"],
                    title=session["title"],
                    required=session["required"],
                    key=session["translation_key"],
                )
            )


def _session_states(modules: list[ModuleColumn], learners) -> dict[tuple[int, int], str]:
    """(learner id, session id) -> attended / registered / waitlisted: one query, none when
    the course has no live session."""
    from live.models import Registration

    session_ids = [session.id for module in modules for session in module.sessions]
    if not session_ids:
        return {}
    states = {}
    for user_id, session_id, status, attended in (
        Registration.objects.filter(user_id__in=learners, session_id__in=session_ids)
        .exclude(status=Registration.Status.CANCELLED)
        .values_list("user_id", "session_id", "status", "attended")
    ):
        states[(user_id, session_id)] = "attended" if attended else status
    return states


def _certificate_statuses(course: CoursePage, cohort: Cohort, learners) -> dict[int, str]:
    """Each learner's certificate status; "eligible" by the certificates app's own rule."""
    from certificates.models import Certificate
    from certificates.selectors import eligible_learners

    if course.certificate_issue == CoursePage.CertificateIssue.NONE:
        return {}
    statuses: dict[int, str] = {}
    for learner_id, revoked_at in Certificate.objects.filter(
        course=course, learner_id__in=learners
    ).values_list("learner_id", "revoked_at"):
        if revoked_at is None:
            statuses[learner_id] = CertificateStatus.ISSUED
        else:
            statuses.setdefault(learner_id, CertificateStatus.REVOKED)
    for entry in eligible_learners(course=course, cohort=cohort):
        statuses.setdefault(entry.enrolment.learner_id, CertificateStatus.ELIGIBLE)
    return statuses


def _score(quiz: QuizColumn, grade) -> QuizScore:
    """The grade by the quiz's grading method, from ``assessments.selectors.quiz_grades_for``."""
    return QuizScore(
        quiz=quiz,
        grade=grade.grade if grade else None,
        awaiting=grade.awaiting if grade else False,
    )


def _latest(*moments):
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None


def _rows(cohort: Cohort, modules: list[ModuleColumn], steps, now: datetime.datetime):
    course = cohort.course
    current = Enrolment.objects.filter(cohort=cohort).exclude(status=Enrolment.Status.WITHDRAWN)
    enrolments = list(current.select_related("learner__profile"))
    learners = current.values("learner_id")
    learner_ids = [enrolment.learner_id for enrolment in enrolments]
    lesson_keys = [key for module in modules for key in module.lesson_keys]
    quizzes = [quiz.id for module in modules for quiz in module.quizzes]

    done: dict[int, set] = {}
    last_activity: dict[int, datetime.datetime] = {}
    for learner_id, key, completed_at in LessonCompletion.objects.filter(
        learner_id__in=learners, lesson__translation_key__in=lesson_keys
    ).values_list("learner_id", "lesson__translation_key", "completed_at"):
        done.setdefault(learner_id, set()).add(key)
        last_activity[learner_id] = _latest(last_activity.get(learner_id), completed_at)

    grades = quiz_grades_for(learner_ids=learners, quiz_ids=quizzes)
    passed: dict[int, set] = {}
    for (learner_id, _quiz_id), grade in grades.items():
        last_activity[learner_id] = _latest(last_activity.get(learner_id), grade.last_activity)
        if grade.passed:
            passed.setdefault(learner_id, set()).add(grade.quiz_key)
    # The rule decides each module; the lessons and grades just read are handed to it, so
    # only a course's discussion cases cost it a query of its own.
    session_states = _session_states(modules, learners)
    read = {"lessons": done, "quizzes": passed}
    if session_states:
        keys = {session.id: session.key for module in modules for session in module.sessions}
        attended: dict[int, set] = {}
        for (learner_id, session_id), state in session_states.items():
            if state == "attended":
                attended.setdefault(learner_id, set()).add(keys[session_id])
        read["live_sessions"] = attended
    progress = completion.progress_for(steps=steps, learner_ids=learner_ids, read=read)

    certificates = _certificate_statuses(course, cohort, learners)
    today = timezone.localdate(now)
    schedule = [module.opens_on for module in modules] if course.is_cohort_paced else []
    rows = []
    for enrolment in enrolments:
        learner_id = enrolment.learner_id
        learner_done = done.get(learner_id, set())
        learner_progress = progress[learner_id]
        cells = [
            ModuleCell(
                lessons_done=len(module.lesson_keys & learner_done),
                lessons_total=len(module.lesson_keys),
                scores=[
                    _score(quiz, grades.get((learner_id, quiz.id))) for quiz in module.quizzes
                ],
                done=learner_progress.module_is_done(module.page.path),
                sessions=[
                    SessionMark(session, session_states.get((learner_id, session.id), ""))
                    for session in module.sessions
                ],
            )
            for module in modules
        ]
        latest = _latest(enrolment.last_activity_at, last_activity.get(learner_id))
        row = LearnerRow(
            enrolment=enrolment,
            cells=cells,
            last_activity=latest,
            risk=Risk(),
            certificate=certificates.get(learner_id, CertificateStatus.NONE),
        )
        if not row.has_completed:
            # Nobody can be active before they enrol or before their cohort starts.
            since = timezone.localdate(latest or enrolment.enrolled_at)
            if latest is None:
                since = max(since, cohort.start_date)
            row.risk = learner_risk(
                last_active_on=since,
                modules_completed=row.modules_completed,
                module_release_dates=schedule,
                today=today,
            )
        rows.append(row)
    return rows


def _sort_key(sort: str):
    if sort == "progress":
        return lambda row: (row.progress_percent, row.name.casefold())
    if sort == "activity":
        # Longest inactive first; never active before anyone.
        oldest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
        return lambda row: (row.last_activity or oldest, row.name.casefold())
    if sort == "risk":
        return lambda row: (not row.is_at_risk, row.progress_percent, row.name.casefold())
    return lambda row: (row.name.casefold(), row.email)


def _matches(row: LearnerRow, show: str, query: str) -> bool:
    if show == "at_risk" and not row.is_at_risk:
        return False
    if show == "completed" and not row.has_completed:
        return False
    if query:
        return query in row.name.casefold() or query in row.email.casefold()
    return True


def parse_params(params) -> dict:
    """``sort`` (a key of SORTS, "-" for descending), ``show`` and ``q`` from GET parameters."""
    sort = params.get("sort", "name")
    if sort.removeprefix("-") not in SORTS:
        sort = "name"
    show = params.get("show", "")
    if show not in SHOW_CHOICES:
        show = ""
    return {"sort": sort, "show": show, "query": params.get("q", "").strip()[:200]}


def cohort_progress_for(*, cohort: Cohort, params=None, now=None) -> CohortProgress:
    """The progress table of ``cohort``, filtered and sorted by ``params`` (GET parameters).

    Withdrawn learners are left out. ``cohort.course`` should be loaded with the cohort.
    """
    now = now or timezone.now()
    options = parse_params(params or {})
    modules, steps = _course_items(cohort.course, cohort)
    rows = _rows(cohort, modules, steps, now)
    at_risk = sum(1 for row in rows if row.is_at_risk)
    query = options["query"].casefold()
    shown = [row for row in rows if _matches(row, options["show"], query)]
    sort = options["sort"]
    shown.sort(key=_sort_key(sort.removeprefix("-")), reverse=sort.startswith("-"))
    return CohortProgress(
        cohort=cohort,
        modules=modules,
        rows=shown,
        learner_count=len(rows),
        at_risk_count=at_risk,
        **options,
    )


def at_risk_learners(*, cohort: Cohort, now=None) -> list:
    """The people of ``cohort`` who are at risk now (those a reminder goes to)."""
    progress = cohort_progress_for(cohort=cohort, params={"show": "at_risk"}, now=now)
    return [row.learner for row in progress.rows]


def export_rows(progress: CohortProgress) -> list[list[object]]:
    """The table as rows for a spreadsheet, header first: one column per module and quiz.

    Empty cells are None (no score yet, never active), which both writers leave blank.
    """
    header = [_("name"), _("e-mail"), _("progress (%)")]
    for module in progress.modules:
        header.append(
            _("%(module)s: lessons done (of %(total)d)")
            % {"module": module.title, "total": len(module.lesson_keys)}
        )
        header.extend(_("%(quiz)s: score (%%)") % {"quiz": quiz.title} for quiz in module.quizzes)
        header.extend(
            _("%(session)s: attendance") % {"session": session.title}
            for session in module.sessions
        )
    header += [_("last activity"), _("at risk"), _("why"), _("certificate")]
    rows = [[spreadsheets.cell(str(title)) for title in header]]
    for row in progress.rows:
        line = [spreadsheets.cell(row.name), spreadsheets.cell(row.email), row.progress_percent]
        for cell in row.cells:
            line.append(cell.lessons_done)
            line.extend(
                _("awaiting marking")
                if score.awaiting and score.percent is None
                else score.percent
                for score in cell.scores
            )
            line.extend(mark.label if mark.state else None for mark in cell.sessions)
        line += [
            timezone.localtime(row.last_activity).isoformat(timespec="minutes")
            if row.last_activity
            else None,
            _("yes") if row.is_at_risk else _("no"),
            "; ".join(row.risk.reasons),
            row.certificate_label,
        ]
        rows.append(line)
    return rows


def export_csv(progress: CohortProgress) -> bytes:
    return spreadsheets.csv_bytes(export_rows(progress))


def export_xlsx(progress: CohortProgress) -> bytes:
    return spreadsheets.xlsx_bytes(export_rows(progress), title=_("Progress"))


# The coordinators' admin screens and the application form.


def cohort_members_for(*, cohort: Cohort):
    """The cohort's enrolments, withdrawn ones included, by the learner's name."""
    return (
        Enrolment.objects.filter(cohort=cohort)
        .select_related("learner__profile")
        .order_by("learner__last_name", "learner__email")
    )


def member_candidates_list(*, user, query: str, exclude_ids) -> list:
    """At most 20 people ``user`` may add to a cohort who match ``query``, by e-mail."""
    return list(
        scope.member_candidates_for(user, query)
        .exclude(pk__in=exclude_ids)
        .select_related("profile")
        .order_by("email")[:20]
    )


def audit_events_for(*, action: str = ""):
    """The audit log, newest first (the model's order), of one action when ``action`` is one."""
    events = AuditEvent.objects.select_related("actor", "cohort", "subject")
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    return events


def course_assignments_list():
    """Every course assignment, by course title and coordinator."""
    return CourseAssignment.objects.select_related(
        "course", "coordinator__profile", "assigned_by"
    ).order_by("course__title", "coordinator__email")


def pending_application_for(*, applicant, course: CoursePage):
    """The applicant's pending application to the course in any of its languages, or None."""
    return EnrolmentApplication.objects.filter(
        applicant=applicant,
        course__translation_key=course.translation_key,
        status=EnrolmentApplication.Status.PENDING,
    ).first()


def reminder_batches_for(*, cohort: Cohort, limit: int = 50) -> list[ReminderBatch]:
    """The cohort's latest reminders, newest first, with who sent them: one query."""
    return list(
        ReminderBatch.objects.filter(cohort=cohort).select_related("sent_by__profile")[:limit]
    )


def latest_applications_for(user, course_keys=None) -> dict:
    """The learner's latest application per course (by ``translation_key``), in one query;
    ``course_keys`` None for every course. The dashboard and the course page read it through
    ``courses.learner_records``."""
    keys = None if course_keys is None else tuple(sorted(map(str, course_keys)))

    def build():
        applications = (
            EnrolmentApplication.objects.filter(applicant_id=PLACEHOLDER)
            .select_related("course")
            .order_by("-created_at", "-pk")
        )
        if keys is not None:
            applications = applications.filter(course__translation_key__in=keys)
        return applications

    latest = {}
    for application in prepared(("coordination.latest_applications", keys), build).run(user.pk):
        latest.setdefault(application.course.translation_key, application)
    return latest
