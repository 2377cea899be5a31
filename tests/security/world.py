"""Nine people around one course X, and one of X's objects for every kind of id a URL takes.

Used by the access matrix: ``World.url`` turns a URL pattern into a URL naming X's objects,
or says which id it cannot fill (a new kind of id must be declared here).
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from lms import roles
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A 1x1 transparent GIF: the smallest image Wagtail's Willow accepts.
GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c000000000100010000020144003b"
)


@dataclass
class World:
    people: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.people[name]
        except KeyError:
            raise AttributeError(name) from None

    def url(self, route: str, pattern) -> str | None:
        """The URL of ``route`` with X's ids in it. Fails on an id this world cannot fill."""
        values = {}
        for name in pattern.pattern.converters or {}:
            values[name] = self.value(route, name)
        regex = getattr(pattern.pattern, "regex", None)
        if not pattern.pattern.converters and regex is not None and regex.groups:
            return self.regex_url(route)
        url = "/" + route.replace("^", "").replace("$", "")
        for name, value in values.items():
            url = re.sub(rf"<(?:\w+:)?{name}>", str(value), url)
        return url

    def regex_url(self, route: str) -> str:
        """Patterns written as regular expressions, one by one."""
        known = {
            r"documents/^(\d+)/(.*)$": self.ids["document_url"],
            r"en/^((?:[\w\-]+/)*)$": self.ids["lesson_url"],
            r"admin/^.*/$": "/admin/no-such-page/",
            r"en/accounts/^confirm-email/(?P<key>[-:\w]+)/$": "/en/accounts/confirm-email/x:y/",
            r"en/accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
                "/en/accounts/password/reset/key/1-set-password/"
            ),
            r"admin/pages/^(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)"
            r"\.\.\.(?P<revision_id_b>live|latest|\d+)/$": (
                f"/admin/pages/{self.ids['lesson']}/revisions/compare/earliest...latest/"
            ),
        }
        key = route.removeprefix("^")
        if key not in known:
            raise AssertionError(f"declare a URL for the regular-expression pattern {route!r}")
        return known[key]

    def value(self, route: str, name: str):
        by_route = [
            (r"^admin/pages/", {"pk": "lesson"}),
            (r"^admin/api/main/\^pages/", {"pk": "lesson"}),
            (r"^admin/api/main/\^images/", {"pk": "image"}),
            (r"^admin/api/main/\^documents/", {"pk": "document"}),
            (
                r"^admin/localize/(api/snippets|submit/snippet)/",
                {"app_label": "assessments", "model_name": "question", "pk": "question"},
            ),
            (
                r"^admin/bulk/",
                {"app_label": "wagtailcore", "model_name": "page", "action": "delete"},
            ),
            (r"^admin/tag-autocomplete/", {"app_name": "courses", "model_name": "coursepage"}),
            (r"snippets/(choose/)?assessments/question/", {"pk": "question"}),
            (r"snippets/(choose/)?assessments/questioncategory/", {"pk": "category"}),
            (r"snippets/(choose/)?certificates/", {"pk": "template"}),
            (r"^admin/images/", {"pk": "image"}),
            (r"^admin/documents/", {"pk": "document"}),
            (r"^admin/collections/", {"pk": "collection"}),
            (r"^admin/users/", {"pk": "learner_id", "user_id": "learner_id"}),
            (r"^admin/groups/", {"pk": "trainer_group"}),
            (r"^admin/coordination/cohorts/", {"pk": "cohort"}),
            (r"^admin/sites/", {"pk": "site"}),
            (r"^admin/locales/", {"pk": "locale"}),
            (r"^admin/workflows/", {"pk": "workflow"}),
            (r"^admin/redirects/", {"pk": "none"}),
            (r"^admin/settings/", {"pk": "none"}),
            (r"^en/live/access/", {"token": "live_token"}),
        ]
        for prefix, names in by_route:
            if re.search(prefix, route) and name in names:
                return self.ids.get(names[name], names[name])
        general = {
            "page_id": "lesson",
            "parent_page_id": "module",
            "page_to_move_id": "lesson",
            "destination_id": "module",
            "revision_id": "lesson_revision",
            "image_id": "image",
            "document_id": "document",
            "doc_id": "document",
            "collection_id": "collection",
            "uploaded_file_id": "none",
            "restriction_id": "none",
            "page_view_restriction_id": "none",
            "task_state_id": "none",
            "workflow_state_id": "none",
            "task_id": "none",
            "course_id": "course",
            "lesson_id": "lesson",
            "quiz_id": "quiz",
            "attempt_id": "attempt",
            "response_id": "written_response",
            "category_id": "category",
            "cohort_id": "cohort",
            "import_id": "member_import",
            "application_id": "application",
            "run_id": "issue_run",
            "assignment_id": "assignment",
            "notification_id": "notification",
            "discussion_id": "discussion",
            "live_session_id": "live_session",
            "reply_id": "reply",
            "mentor_question_id": "mentor_question",
            "code": "certificate_code",
            "fmt": "csv",
            "file_format": "csv",
            "filter_spec": "original",
            "action_name": "approve",
            "content_type_app_name": "courses",
            "content_type_model_name": "lessonpage",
            "app_label": "courses",
            "model_name": "lessonpage",
            "object_id": "lesson",
            "locale_code": "fr",
            "translation_id": "translation",
            "translation_source_id": "translation_source",
            "string_segment_id": "none",
            "overridable_segment_id": "none",
            "mode": "",
            "session_id": "none",
            "page_pk": "lesson",
            "workflow_pk": "workflow",
            "redirect_id": "none",
            "app_name": "courses",
            "uidb64": "MQ",
            "token": "set-password",
            "language_code": "fr",
        }
        if name in general:
            return self.ids.get(general[name], general[name])
        raise AssertionError(
            f"declare a value for <{name}> in {route!r} (tests/security/world.py)"
        )


def build_world() -> World:
    from wagtail.models import Locale, Site, Workflow

    from assessments import services as quiz_services
    from certificates import services as certificate_services
    from certificates.models import CertificateTemplate, IssueRun
    from coordination.models import EnrolmentApplication, MemberImport
    from courses import services as course_services
    from courses.models import Cohort, LessonPage, ModulePage

    catalog = factories.make_catalog()
    course = factories.make_course(
        index=catalog, modules=1, lessons=2, title="Course X", certificate_issue="coordinator"
    )
    other_course = factories.make_course(index=catalog, modules=1, lessons=1, title="Course Y")
    module = ModulePage.objects.child_of(course).get()
    lessons = list(LessonPage.objects.child_of(module).order_by("path"))
    question = factories.make_question(category=factories.make_category(course=course))
    quiz = factories.make_quiz(module=module, questions=[question])

    people = {
        "learner": factories.make_learner(),
        "other_learner": factories.make_learner(),
        "trainer": factories.make_staff(roles.TRAINER, with_totp=True),
        "other_trainer": factories.make_staff(roles.TRAINER, with_totp=True),
        "lead_trainer": factories.make_staff(roles.LEAD_TRAINER, with_totp=True),
        "coordinator": factories.make_staff(roles.COORDINATOR, with_totp=True),
        "other_coordinator": factories.make_staff(roles.COORDINATOR, with_totp=True),
        "manager": factories.make_staff(roles.PROGRAMME_MANAGER, with_totp=True),
    }
    course.trainers.set([people["trainer"]])
    course.save_revision().publish()
    course_services.course_trainers_sync(course=course)
    other_course.trainers.set([people["other_trainer"]])
    other_course.save_revision().publish()
    course_services.course_trainers_sync(course=other_course)

    assignment = factories.make_course_assignment(coordinator=people["coordinator"], course=course)
    factories.make_course_assignment(coordinator=people["other_coordinator"], course=other_course)
    cohort = Cohort.objects.create(course=course, name="Cohort X", start_date=date(2026, 1, 5))
    cohort.coordinators.add(people["coordinator"])
    other_cohort = Cohort.objects.create(
        course=other_course, name="Cohort Y", start_date=date(2026, 1, 5)
    )
    other_cohort.coordinators.add(people["other_coordinator"])

    learner = people["learner"]
    factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    factories.make_enrolment(
        learner=people["other_learner"], course=other_course, cohort=other_cohort
    )
    for lesson in lessons:
        course_services.lesson_complete(learner=learner, lesson=lesson)
    attempt = quiz_services.attempt_start(learner=learner, quiz=quiz)
    quiz_services.attempt_save(
        attempt=attempt, learner=learner, answers={question.pk: factories.right_answer(question)}
    )
    quiz_services.attempt_submit(attempt=attempt, learner=learner)
    certificate = certificate_services.certificate_issue(learner=learner, course=course)
    # Optional, so that the certificate above stays deserved.
    discussion = factories.make_discussion(module=module, required=False)
    from discussions import services as discussion_services

    reply = discussion_services.reply_post(author=learner, discussion=discussion, text="Mine.")
    from mentoring import services as mentoring_services
    from mentoring.models import CourseMentor

    CourseMentor.objects.create(course=course, mentor=people["trainer"])
    mentor_question = mentoring_services.question_ask(
        learner=learner, page=lessons[0], text="Why preserve first?"
    )
    # A written response with a file, awaiting marking (after the certificate: it counts
    # for nothing there).
    written = factories.make_written_question(
        category=question.category, accepts_file=True, word_limit=50
    )
    written_quiz = factories.make_quiz(module=module, questions=[written], required=False)
    written_attempt = quiz_services.attempt_start(learner=learner, quiz=written_quiz)
    quiz_services.attempt_save(
        attempt=written_attempt,
        learner=learner,
        answers={written.pk: "Preserve the logs."},
        files={written.pk: ContentFile(PDF, name="request.pdf")},
    )
    quiz_services.attempt_submit(attempt=written_attempt, learner=learner)

    applicant = factories.make_learner()
    application = EnrolmentApplication.objects.create(
        course=course,
        applicant=applicant,
        agency_name="Agency",
        agency_type="police",
        job_title="Inspector",
        motivation="To learn.",
        letter=ContentFile(PDF, name="letter.pdf"),
    )
    member_import = MemberImport.objects.create(
        cohort=cohort, uploaded_by=people["coordinator"], filename="people.csv", sha256="0" * 64
    )
    issue_run = IssueRun.objects.create(course=course, cohort=cohort)

    collection = Collection.get_first_root_node().add_child(name="Course X files")
    course_services.course_collection_link(course=course, collection=collection)
    course_services.course_trainers_sync(course=course)
    image = get_image_model().objects.create(
        title="Diagram", file=ContentFile(GIF, name="diagram.gif"), collection=collection
    )
    document = get_document_model().objects.create(
        title="Exhibit", file=ContentFile(PDF, name="exhibit.pdf"), collection=collection
    )
    template = CertificateTemplate.objects.first() or CertificateTemplate.objects.create(
        name="Template X"
    )
    from django.contrib.auth.models import Group
    from wagtail_localize.models import Translation

    factories.translate_tree(course, "fr")
    translation = Translation.objects.filter(source__object_id=lessons[0].translation_key).first()

    from lms.services import notification_create

    notification = notification_create(recipient=learner, kind="certificate_issued", params={})

    # A live session for X's learners, as a step of X's module (optional, like the case
    # above); the learner has a place, and a member of the public holds a personal link.
    from live import services as live_services
    from live.models import Registration
    from tests.live.factories import make_live_session

    live_session = make_live_session(parent=module, audience="course", required=False)
    live_services.registration_create(session=live_session, user=learner)
    visitor = Registration.objects.create(
        session=live_session, name="Visitor", email="visitor@example.org", status="registered"
    )

    ids = {
        "live_session": live_session.pk,
        "live_token": visitor.token,
        "notification": notification.pk,
        "discussion": discussion.pk,
        "reply": reply.pk,
        "mentor_question": mentor_question.pk,
        "course": course.pk,
        "module": module.pk,
        "lesson": lessons[0].pk,
        "lesson_url": lessons[0].url,
        "lesson_revision": lessons[0].latest_revision_id,
        "quiz": quiz.pk,
        "attempt": attempt.pk,
        "written_response": written_attempt.responses.get().pk,
        "question": question.pk,
        "category": question.category_id,
        "cohort": cohort.pk,
        "member_import": member_import.pk,
        "application": application.pk,
        "issue_run": issue_run.pk,
        "assignment": assignment.pk,
        "certificate_code": certificate.code,
        "image": image.pk,
        "document": document.pk,
        "document_url": document.url,
        "collection": collection.pk,
        "template": template.pk,
        "learner_id": learner.pk,
        "trainer_group": Group.objects.get(name=f"Course trainers #{course.pk}").pk,
        "site": Site.objects.get(is_default_site=True).pk,
        "locale": Locale.objects.get(language_code="fr").pk,
        "workflow": Workflow.objects.first().pk if Workflow.objects.exists() else 0,
        "translation": translation.pk,
        "translation_source": translation.source_id,
        "none": 0,
    }
    return World(people=people, ids=ids)
