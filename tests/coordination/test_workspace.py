"""The coordinators' workspace: cohorts, members, CSV import, applications, scope and audit."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from coordination.models import AuditEvent, EnrolmentApplication, MemberImport
from courses.models import Cohort, Enrolment
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "email,given_name,family_name,country,agency_type,job_title,preferred_language\n"


@pytest.fixture
def other_cohort(course):
    """A cohort of the same course run by another coordinator."""
    other = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    cohort = Cohort.objects.create(course=course, name="Lima 2026", start_date="2026-03-02")
    cohort.coordinators.add(other)
    factories.make_course_assignment(coordinator=other, course=course)
    return cohort


def not_found(client, url, method="get", data=None) -> bool:
    """404, possibly after the language middleware's redirect to /en/... (still 404 there)."""
    response = getattr(client, method)(url, data or {}, follow=True)
    return response.status_code == 404


def upload(client, cohort, text: str, encoding="utf-8", name="people.csv"):
    data = text.encode(encoding) if isinstance(text, str) else text
    return client.post(
        f"/admin/coordination/cohorts/{cohort.pk}/import/",
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


# Cohorts -------------------------------------------------------------------------------


def test_a_coordinator_creates_a_cohort_and_coordinates_it(
    coordinator_client, coordinator, course
):
    factories.make_course_assignment(coordinator=coordinator, course=course)
    response = coordinator_client.post(
        "/admin/coordination/cohorts/new/",
        {
            "course": course.pk,
            "name": "Accra intake",
            "country": "GH",
            "start_date": "2026-05-04",
            "end_date": "2026-07-27",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    cohort = Cohort.objects.get(name="Accra intake")
    assert list(cohort.coordinators.all()) == [coordinator]
    event = AuditEvent.objects.get(action="cohort_create")
    assert (event.actor, event.cohort) == (coordinator, cohort)


def test_an_end_before_the_start_is_refused(coordinator_client, coordinator, course):
    factories.make_course_assignment(coordinator=coordinator, course=course)
    response = coordinator_client.post(
        "/admin/coordination/cohorts/new/",
        {
            "course": course.pk,
            "name": "Backwards",
            "start_date": "2026-05-04",
            "end_date": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()
    assert not Cohort.objects.filter(name="Backwards").exists()


def test_the_cohort_list_shows_only_ones_own_cohorts(coordinator_client, cohort, other_cohort):
    html = coordinator_client.get("/admin/coordination/cohorts/").content.decode()
    assert "Maputo 2026" in html and "Lima 2026" not in html


# Members -------------------------------------------------------------------------------


@pytest.mark.engine_sensitive
def test_members_are_found_by_search_added_and_removed(coordinator_client, cohort):
    person = factories.make_learner(given_name="Nadia", family_name="Rahman")
    html = coordinator_client.get(
        f"/admin/coordination/cohorts/{cohort.pk}/members/?q={person.email}"
    ).content.decode()
    assert person.email in html
    coordinator_client.post(
        f"/admin/coordination/cohorts/{cohort.pk}/members/add/", {"email": person.email}
    )
    assert Enrolment.objects.get(learner=person).cohort == cohort
    coordinator_client.post(
        f"/admin/coordination/cohorts/{cohort.pk}/members/remove/", {"user": person.pk}
    )
    assert Enrolment.objects.get(learner=person).status == "withdrawn"
    assert set(AuditEvent.objects.values_list("action", flat=True)) == {"enrol", "remove"}


@pytest.mark.engine_sensitive
def test_a_learner_studying_alone_joins_the_cohort_and_keeps_progress(
    coordinator_client, cohort, course
):
    person = factories.make_learner()
    factories.make_enrolment(learner=person, course=course)
    coordinator_client.post(
        f"/admin/coordination/cohorts/{cohort.pk}/members/add/", {"email": person.email}
    )
    assert Enrolment.objects.filter(learner=person).count() == 1
    assert Enrolment.objects.get(learner=person).cohort == cohort


# CSV import ----------------------------------------------------------------------------


@pytest.mark.engine_sensitive
def test_import_reports_first_then_imports_and_invites(
    coordinator_client, cohort, django_capture_on_commit_callbacks
):
    existing = factories.make_learner(email="known@example.org")
    response = upload(
        coordinator_client,
        cohort,
        HEADER
        + "known@example.org,Known,Person,PT,police,Investigator,pt\n"
        + "nova@example.org,Nova,Silva,Brasil,judiciary,Juíza,pt\n"
        + "bad-address,X,Y,PT,police,,en\n",
    )
    member_import = MemberImport.objects.get()
    assert response["Location"].endswith(f"/import/{member_import.pk}/")
    assert not Enrolment.objects.exists()  # nothing written before the coordinator confirms
    html = coordinator_client.get(response["Location"]).content.decode()
    assert "2 rows can be imported; 1 rows have problems." in html
    assert "The e-mail address is malformed." in html

    # "Import all" is refused while a row has a problem; "only the valid rows" works.
    coordinator_client.post(response["Location"], {"rows": "all"})
    assert not Enrolment.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(response["Location"], {"rows": "valid"})
    assert set(Enrolment.objects.values_list("learner__email", flat=True)) == {
        "known@example.org",
        "nova@example.org",
    }
    assert Enrolment.objects.get(learner=existing).cohort == cohort
    (invitation,) = mail.outbox
    assert invitation.to == ["nova@example.org"]
    assert invitation.subject == "Convite para Digital evidence"  # their preferred language
    assert "/pt/accounts/password/reset/key/" in invitation.body
    event = AuditEvent.objects.get(action="import")
    assert "2 enrolled, 1 new accounts invited, 1 rows skipped" in event.summary


@pytest.mark.engine_sensitive
def test_uploading_the_same_file_twice_changes_nothing(coordinator_client, cohort):
    text = HEADER + "a@example.org,A,B,PT,police,,en\nb@example.org,C,D,PT,police,,fr\n"
    upload(coordinator_client, cohort, text)
    first = MemberImport.objects.get()
    coordinator_client.post(
        f"/admin/coordination/cohorts/{cohort.pk}/import/{first.pk}/", {"rows": "all"}
    )
    enrolments = list(Enrolment.objects.order_by("pk").values_list("pk", "learner_id"))
    upload(coordinator_client, cohort, text)
    second = MemberImport.objects.exclude(pk=first.pk).get()
    assert {tuple(row["errors"]) for row in second.rows} == {("Already a member of this cohort.",)}
    coordinator_client.post(
        f"/admin/coordination/cohorts/{cohort.pk}/import/{second.pk}/", {"rows": "valid"}
    )
    assert list(Enrolment.objects.order_by("pk").values_list("pk", "learner_id")) == enrolments
    # and the first import cannot be run again either
    coordinator_client.post(
        f"/admin/coordination/cohorts/{cohort.pk}/import/{first.pk}/", {"rows": "all"}
    )
    assert Enrolment.objects.count() == 2


def test_semicolons_and_bom_from_a_spanish_spreadsheet(coordinator_client, cohort):
    text = (
        "\ufeff"
        + HEADER.replace(",", ";")
        + "lu@example.org;Lucía;Fernández;Colombia;fiscalía;Fiscal;es\n"
    )
    upload(coordinator_client, cohort, text)
    (row,) = MemberImport.objects.get().rows
    assert row["errors"] == ["Unknown agency type “fiscalía”."]  # labels in English or codes
    upload(coordinator_client, cohort, text.replace("fiscalía", "prosecution"))
    row = MemberImport.objects.latest("pk").rows[0]
    assert row["errors"] == [] and row["values"]["country"] == "CO"


def test_an_unreadable_file_gets_a_clear_error_and_writes_nothing(coordinator_client, cohort):
    response = upload(coordinator_client, cohort, "email;nom\né@x.org;y\n", encoding="latin-1")
    assert response.status_code == 400
    assert "The file is not in UTF-8" in response.content.decode()
    assert not MemberImport.objects.exists()


def test_someone_in_another_cohort_of_the_course_is_reported(
    coordinator_client, cohort, other_cohort
):
    person = factories.make_learner(email="taken@example.org")
    factories.make_enrolment(learner=person, course=other_cohort.course, cohort=other_cohort)
    upload(coordinator_client, cohort, HEADER + "taken@example.org,T,K,PT,police,,en\n")
    (row,) = MemberImport.objects.get().rows
    assert row["errors"] == ["Already a member of another cohort of this course."]


# Scope ---------------------------------------------------------------------------------


def test_another_coordinators_cohort_is_not_found_at_any_url(coordinator_client, other_cohort):
    person = factories.make_learner()
    factories.make_enrolment(learner=person, course=other_cohort.course, cohort=other_cohort)
    other_import = MemberImport.objects.create(cohort=other_cohort, filename="x.csv", sha256="0")
    pk = other_cohort.pk
    for url in [
        f"/admin/coordination/cohorts/edit/{pk}/",
        f"/admin/coordination/cohorts/{pk}/members/",
        f"/admin/coordination/cohorts/{pk}/import/",
        f"/admin/coordination/cohorts/{pk}/import/{other_import.pk}/",
    ]:
        assert not_found(coordinator_client, url), url
    for url in [
        f"/admin/coordination/cohorts/{pk}/members/add/",
        f"/admin/coordination/cohorts/{pk}/members/remove/",
    ]:
        data = {"user": person.pk, "email": person.email}
        assert not_found(coordinator_client, url, "post", data), url
    assert Enrolment.objects.get(learner=person).status == "active"
    export = coordinator_client.get("/admin/coordination/cohorts/?export=csv")
    assert export.status_code == 200
    assert b"Lima 2026" not in b"".join(export.streaming_content)


def test_a_programme_manager_sees_every_cohort_and_the_audit_log(client, cohort, other_cohort):
    manager = factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True)
    client.force_login(manager)
    html = client.get("/admin/coordination/cohorts/").content.decode()
    assert "Maputo 2026" in html and "Lima 2026" in html
    assert client.get(f"/admin/coordination/cohorts/{other_cohort.pk}/members/").status_code == 200
    assert client.get("/admin/coordination/audit/").status_code == 200


def test_coordinators_trainers_and_learners_cannot_read_the_audit_log(coordinator_client, client):
    # Wagtail answers a refused admin page with a redirect to the dashboard and a message.
    response = coordinator_client.get("/admin/coordination/audit/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    client.force_login(factories.make_staff(role=roles.TRAINER, with_totp=True))
    for url in ["/admin/coordination/applications/", "/admin/coordination/cohorts/"]:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url


# Vetted enrolment ----------------------------------------------------------------------


@pytest.fixture
def vetted(catalog):
    return factories.make_course(
        index=catalog, modules=1, lessons=1, title="Darknet investigations", enrolment="approval"
    )


def apply(client, course, **extra):
    data = {
        "agency_name": "Polícia Judiciária",
        "agency_type": "police",
        "job_title": "Inspector",
        "motivation": "I investigate <b>market</b> vendors.",
        **extra,
    }
    return client.post(f"/en/learn/apply/{course.pk}/", data)


def test_self_enrolment_is_refused_and_an_application_is_made(learner_client, learner, vetted):
    html = learner_client.get(vetted.url).content.decode()
    assert "This course needs approval" in html and f"/en/learn/apply/{vetted.pk}/" in html
    letter = SimpleUploadedFile(
        "letter.pdf", b"%PDF-1.4 nomination", content_type="application/pdf"
    )
    response = apply(learner_client, vetted, letter=letter)
    assert response.status_code == 302
    application = EnrolmentApplication.objects.get()
    assert application.status == "pending" and application.letter.name.startswith("nominations/")
    assert not Enrolment.objects.filter(learner=learner).exists()
    # a second application while one is pending changes nothing
    apply(learner_client, vetted)
    assert EnrolmentApplication.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 not a pdf", "The nomination letter must be a PDF file."),
        (b"%PDF-" + b"0" * (2 * 1024 * 1024), "The nomination letter is larger than 2 MB."),
    ],
)
def test_bad_letters_are_refused(learner_client, vetted, content, message):
    letter = SimpleUploadedFile("letter.pdf", content, content_type="application/pdf")
    response = apply(learner_client, vetted, letter=letter)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EnrolmentApplication.objects.exists()


@pytest.mark.engine_sensitive
def test_a_coordinator_approves_into_a_cohort_and_the_applicant_is_told_in_their_language(
    coordinator_client, coordinator, learner, vetted, django_capture_on_commit_callbacks
):
    cohort = Cohort.objects.create(course=vetted, name="Porto 2026", start_date="2026-03-02")
    cohort.coordinators.add(coordinator)
    factories.make_course_assignment(coordinator=coordinator, course=vetted)
    learner.profile.preferred_language = "fr"
    learner.profile.save()
    from coordination import services

    application = services.application_submit(
        course=vetted, applicant=learner, agency_name="DGSN", agency_type="police",
        job_title="Officer", motivation="Cases.",
    )  # fmt: skip
    assert (
        "Darknet investigations"
        in coordinator_client.get("/admin/coordination/applications/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            f"/admin/coordination/applications/{application.pk}/",
            {"decision": "approve", "cohort": cohort.pk},
        )
    assert response.status_code == 302
    assert Enrolment.objects.get(learner=learner).cohort == cohort
    (message,) = mail.outbox
    assert "approuvée" in message.subject
    assert AuditEvent.objects.get(action="approve").subject == learner


def test_declining_needs_a_reason_which_the_applicant_reads(
    coordinator_client, coordinator, learner, vetted, django_capture_on_commit_callbacks
):
    Cohort.objects.create(course=vetted, name="Any", start_date="2026-03-02").coordinators.add(
        coordinator
    )
    factories.make_course_assignment(coordinator=coordinator, course=vetted)
    from coordination import services

    application = services.application_submit(
        course=vetted, applicant=learner, agency_name="X", agency_type="police",
        job_title="Officer", motivation="Cases.",
    )  # fmt: skip
    url = f"/admin/coordination/applications/{application.pk}/"
    response = coordinator_client.post(url, {"decision": "decline", "reason": "  "})
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url, {"decision": "decline", "reason": "Nomination missing."})
    application.refresh_from_db()
    assert application.status == "declined"
    assert "Nomination missing." in mail.outbox[0].body
    assert not Enrolment.objects.filter(learner=learner).exists()


def _submit(learner, vetted):
    from coordination import services

    return services.application_submit(
        course=vetted, applicant=learner, agency_name="DGSN", agency_type="police",
        job_title="Officer", motivation="Cases.",
    )  # fmt: skip


def _decline(application, coordinator, reason="Nomination letter missing."):
    from coordination import services

    return services.application_decide(
        application=application, approve=False, by=coordinator, reason=reason
    )


def test_after_applying_the_course_page_says_the_application_awaits_a_decision(
    learner_client, learner, vetted
):
    application = _submit(learner, vetted)
    html = learner_client.get(vetted.url).content.decode()
    day = timezone.localtime(application.created_at)
    sent_on = f'<time datetime="{day:%Y-%m-%d}">{date_format(day, "DATE_FORMAT")}</time>'
    assert f"Application sent on {sent_on}, awaiting a decision." in html
    assert f"/en/learn/apply/{vetted.pk}/" not in html


def test_a_declined_application_shows_its_reason_on_the_course_page_and_a_way_to_apply_again(
    learner_client, learner, vetted, coordinator
):
    _decline(_submit(learner, vetted), coordinator, reason="Nomination <b>letter</b> missing.")
    html = learner_client.get(vetted.url).content.decode()
    assert "Declined: Nomination &lt;b&gt;letter&lt;/b&gt; missing." in html
    assert f'href="/en/learn/apply/{vetted.pk}/">Apply again</a>' in html


def test_the_dashboard_lists_pending_and_declined_applications_with_the_reason(
    learner_client, learner, vetted, coordinator, catalog
):
    other = factories.make_course(
        index=catalog, modules=1, lessons=1, title="Crypto tracing", enrolment="approval"
    )
    _decline(_submit(learner, vetted), coordinator, reason="Nomination letter missing.")
    _submit(learner, other)
    html = learner_client.get("/en/learn/").content.decode()
    assert "My applications" in html
    assert "Darknet investigations" in html and "Declined: Nomination letter missing." in html
    assert "Crypto tracing" in html and "awaiting a decision" in html


@pytest.mark.engine_sensitive
def test_the_dashboard_no_longer_lists_a_declined_application_once_applied_again(
    learner_client, learner, vetted, coordinator
):
    _decline(_submit(learner, vetted), coordinator, reason="Nomination letter missing.")
    _submit(learner, vetted)
    html = learner_client.get("/en/learn/").content.decode()
    assert "awaiting a decision" in html
    assert "Nomination letter missing." not in html


def test_applications_and_letters_are_private_to_the_courses_coordinators(
    client, learner, vetted, coordinator
):
    from coordination import services

    letter = SimpleUploadedFile("l.pdf", b"%PDF-1.4 private", content_type="application/pdf")
    application = services.application_submit(
        course=vetted, applicant=learner, letter=letter, agency_name="X", agency_type="police",
        job_title="Officer", motivation="Cases.",
    )  # fmt: skip
    client.force_login(coordinator)  # coordinates no cohort of this course
    assert not_found(client, f"/admin/coordination/applications/{application.pk}/")
    assert not_found(client, f"/admin/coordination/applications/{application.pk}/letter/")
    manager = factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True)
    client.force_login(manager)
    response = client.get(f"/admin/coordination/applications/{application.pk}/letter/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 private"
    assert response["Content-Disposition"].startswith("attachment")
    from django.conf import settings

    # stored outside the media root, which the web server publishes
    assert not application.letter.path.startswith(str(settings.MEDIA_ROOT))


@pytest.mark.engine_sensitive
def test_workspace_pages_take_a_fixed_number_of_queries(
    coordinator_client, cohort, course, vetted, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coordination import services

    urls = [
        f"/admin/coordination/cohorts/{cohort.pk}/members/",
        "/admin/coordination/cohorts/",
        "/admin/coordination/applications/",
    ]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert coordinator_client.get(url).status_code == 200
            result.append(len(queries.captured_queries))
        return result

    Cohort.objects.create(course=vetted, name="Vetted", start_date="2026-03-02").coordinators.add(
        cohort.coordinators.get()
    )
    factories.make_course_assignment(coordinator=cohort.coordinators.get(), course=vetted)

    def grow(n):
        for _ in range(n):
            person = factories.make_learner()
            factories.make_enrolment(learner=person, course=course, cohort=cohort)
            services.application_submit(
                course=vetted, applicant=person, agency_name="X", agency_type="police",
                job_title="Officer", motivation="Cases.",
            )  # fmt: skip

    grow(1)
    small = counts()
    grow(8)
    assert counts() == small
    with django_assert_max_num_queries(30):
        coordinator_client.get(urls[0])


def test_an_invited_person_who_sets_a_password_through_the_link_can_sign_in_at_once(
    coordinator_client, cohort, django_capture_on_commit_callbacks
):
    upload(coordinator_client, cohort, HEADER + "nova@example.org,Nova,Silva,BR,judiciary,,en\n")
    member_import = MemberImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            f"/admin/coordination/cohorts/{cohort.pk}/import/{member_import.pk}/", {"rows": "all"}
        )
    (invitation,) = mail.outbox
    link = re.search(r"https?://[^/]+(/\S+/accounts/password/reset/key/\S+/)", invitation.body)
    person = Client()
    form_url = person.get(link.group(1))["Location"]
    password = "an-invited-long-passphrase-5"
    person.post(form_url, {"password1": password, "password2": password})

    address = EmailAddress.objects.get(email="nova@example.org")
    assert (address.verified, address.primary) == (True, True)
    response = person.post(
        "/en/accounts/login/", {"login": "nova@example.org", "password": password}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/"  # where every signed-in person lands, not confirm-email
    assert person.session["_auth_user_id"]


@pytest.mark.parametrize("language", ["en", "fr", "pt", "es"])
def test_the_cohort_editor_keeps_its_dates_in_every_language(cohort, language):
    """A date field of the browser's own kind reads only YYYY-MM-DD: the French form, written
    the French way (02/03/2026), showed empty dates and could not be saved again."""
    from django.utils import translation

    from coordination.forms import CohortForm

    cohort.end_date = "2026-06-26"
    cohort.save()
    cohort.refresh_from_db()
    with translation.override(language):
        form = CohortForm(instance=cohort)
        assert 'value="2026-03-02"' in str(form["start_date"])
        assert 'value="2026-06-26"' in str(form["end_date"])


@pytest.mark.engine_sensitive
def test_the_cohort_filters_offer_only_ones_own_courses_and_countries(
    coordinator_client, cohort, other_cohort, catalog
):
    other_course = factories.make_course(index=catalog, modules=1, lessons=1, title="Darknet")
    Cohort.objects.create(course=other_course, name="Quito 2026", start_date="2026-03-02")
    Cohort.objects.filter(pk=cohort.pk).update(country="MZ")
    Cohort.objects.filter(pk=other_cohort.pk).update(country="PE")
    html = coordinator_client.get("/admin/coordination/cohorts/").content.decode()
    course_filter = re.search(r'<select name="course".*?</select>', html, re.S).group(0)
    assert "Digital evidence" in course_filter and "Darknet" not in course_filter
    assert 'value="MZ"' in html
    assert 'value="PE"' not in html and 'value="AF"' not in html  # others' and unused ones
    filtered = coordinator_client.get(
        f"/admin/coordination/cohorts/?country=MZ&course={cohort.course_id}"
    )
    assert "Maputo 2026" in filtered.content.decode()
