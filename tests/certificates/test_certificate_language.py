"""The course title on a certificate, its verification page and its credential is the one in
the certificate's language (issue 13)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates import credentials, services
from certificates.models import Certificate, IssueRun
from courses.models import CoursePage
from tests import factories
from tests.certificates.signing import signed
from tests.certificates.test_certificates import complete
from tests.certificates.test_pdf import needs_pdftotext, text_of
from tests.module_data import module_transaction, translated_course_made

pytestmark = pytest.mark.django_db

TITLES = {
    "fr": "Enquêtes sur les cryptomonnaies",
    "pt": "Investigações sobre criptomoedas",
    "es": "Investigaciones sobre criptomonedas",
}


@pytest.fixture
def course(translated_course):
    """The course below, read afresh for each test: what a test changes in memory stays there."""
    return CoursePage.objects.get(pk=translated_course)


@pytest.fixture(scope="module")
def translated_course(django_db_setup, django_db_blocker):
    """An English course translated into French, Portuguese and Spanish (titles translated).

    Built once for the module (tests/module_data.py): making the three translations took
    about 1.5 s of set-up in each test that reads it.
    """
    with module_transaction(django_db_blocker):
        yield translated_course_made(
            TITLES, publish_titles=False,
            modules=1, lessons=1, title="Cryptocurrency investigations",
            certificate_issue="coordinator",
        )  # fmt: skip


@pytest.mark.parametrize("language", ["en", "fr", "pt", "es"])
def test_the_certificate_prints_the_course_title_in_its_language(course, learner, language):
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course, language=language)
    expected = TITLES.get(language, "Cryptocurrency investigations")
    assert certificate.course_title == expected


def test_the_learners_certificate_language_chooses_the_title(course, learner):
    learner.profile.certificate_language = "fr"
    learner.profile.save()
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course)
    assert (certificate.language, certificate.course_title) == ("fr", TITLES["fr"])


def test_without_a_translation_the_original_title_is_printed(catalog, learner):
    course = factories.make_course(
        index=catalog, modules=1, lessons=1, title="Mobile forensics",
        certificate_issue="coordinator",
    )  # fmt: skip
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course, language="pt")
    assert certificate.course_title == "Mobile forensics"


def test_an_unpublished_translation_is_not_printed(course, learner):
    CoursePage.objects.filter(locale__language_code="es").update(live=False)
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course, language="es")
    assert certificate.course_title == "Cryptocurrency investigations"


def test_reissuing_in_another_language_prints_that_languages_title(course, learner):
    complete(learner, course)
    first = services.certificate_issue(learner=learner, course=course, language="en")
    again = services.certificate_reissue(certificate=first, language="pt")
    assert again.course_title == TITLES["pt"]


def test_an_in_person_award_prints_the_title_in_its_language(course, coordinator):
    import datetime

    award = services.certificate_award_in_person(
        course=course, name_as_printed="Ana Souza", event_name="Oficina", language="pt",
        event_date=datetime.date(2026, 5, 4), issued_by=coordinator,
    )  # fmt: skip
    assert award.course_title == TITLES["pt"]


def test_the_portuguese_verification_page_shows_the_portuguese_title(client, course, learner):
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course, language="pt")
    html = client.get(f"/pt/verify/{certificate.code}/").content.decode()
    assert TITLES["pt"] in html
    assert "Cryptocurrency investigations" not in html


def test_a_title_in_another_language_than_the_page_is_marked_with_its_language(
    client, course, learner
):
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course, language="pt")
    html = client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert f'<dd lang="pt">{TITLES["pt"]}</dd>' in html


def test_the_signed_credential_names_the_achievement_in_the_certificates_language(
    client, course, learner
):
    complete(learner, course)
    certificate = signed(services.certificate_issue, learner=learner, course=course, language="fr")
    credential = client.get(f"/en/verify/{certificate.code}/credential.json").json()
    achievement = credential["credentialSubject"]["achievement"]
    assert credential["name"] == achievement["name"] == TITLES["fr"]
    assert achievement["inLanguage"] == "fr"
    french = f"Certificat de réussite du cours « {TITLES['fr']} »"
    assert achievement["description"].startswith(french)
    assert credentials.verify(credential, public_key=credentials.signing_key().public_key())


@needs_pdftotext
def test_the_pdf_of_a_french_certificate_prints_the_french_title(course, learner):
    complete(learner, course)
    certificate = services.certificate_issue(learner=learner, course=course, language="fr")
    stored = services.certificate_pdf_ensure(certificate=certificate)
    text = " ".join(text_of(stored.pdf.read()).split())
    assert TITLES["fr"] in text and "a terminé le cours" in text


def test_the_french_credential_still_meets_the_open_badges_schema(course, learner):
    import jsonschema

    from tests.certificates.test_credentials import OPENBADGES, read_json

    complete(learner, course)
    certificate = signed(services.certificate_issue, learner=learner, course=course, language="fr")
    schema = read_json(OPENBADGES / "schema" / "achievementcredential.json")
    shaped = credentials.as_ob3_schema_shape(certificate.credential)
    assert [e.message for e in jsonschema.Draft201909Validator(schema).iter_errors(shaped)] == []


def _bulk_issue_queries(course, language: str, learners: int) -> int:
    for _ in range(learners):
        learner = factories.make_learner()
        learner.profile.certificate_language = language
        learner.profile.save()
        complete(learner, course)
    run = IssueRun.objects.create(course=course)
    with CaptureQueriesContext(connection) as captured:
        services.issue_run_execute(run_id=run.pk)
    return len(captured.captured_queries)


def test_a_bulk_issue_reads_each_languages_title_once(course):
    _bulk_issue_queries(course, "en", 1)  # fills Wagtail's site and locale caches
    english = _bulk_issue_queries(course, "en", 3) - _bulk_issue_queries(course, "en", 1)
    spanish = _bulk_issue_queries(course, "es", 3) - _bulk_issue_queries(course, "es", 1)
    assert spanish == english  # two more certificates cost the same in either language
    spanish_titles = Certificate.objects.filter(language="es").values_list("course_title")
    assert set(spanish_titles) == {(TITLES["es"],)}


@pytest.mark.parametrize(
    ("language", "narrative"),
    [
        ("fr", "A terminé le cours"),
        ("pt", "Concluiu o curso"),
        ("es", "Completó el curso"),
    ],
)
def test_the_credentials_texts_are_in_the_language_it_declares(
    course, learner, language, narrative
):
    complete(learner, course)
    certificate = signed(
        services.certificate_issue, learner=learner, course=course, language=language
    )
    achievement = certificate.credential["credentialSubject"]["achievement"]
    assert achievement["inLanguage"] == language
    assert achievement["criteria"]["narrative"].startswith(f"{narrative} ")
    assert "Certificate of completion" not in achievement["description"]
