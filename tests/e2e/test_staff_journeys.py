"""The staff of the seeded demo at work, each signed in through the real sign-in page with
their two-factor code, in English and in French (the admin follows the preferred language of
their profile):

- a trainer edits a lesson, uploads an image and an evidence file through the choosers, saves
  a draft, previews it and submits it; the lead trainer approves and publishes it;
- a coordinator downloads a nomination letter, approves an application without a cohort,
  opens a cohort's progress table, revokes a certificate and imports a CSV;
- a programme manager reads the programme report's charts and downloads it.

The demo is seeded once for the module (three programmes, in English) and the database is
copied; each test starts from that copy, which takes milliseconds where seeding takes tens of
seconds.
"""

import contextlib
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.contrib.auth import get_user_model
from django.utils import translation
from playwright.sync_api import expect

from curriculum.management.commands.seed_demo import DEMO_ACCOUNTS
from lms.services import profile_update

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LANGUAGES = ["en", "fr"]
PASSWORDS = {email: password for email, password, *_rest in DEMO_ACCOUNTS}
PNG = (  # a 1x1 white pixel
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\r\xefF\xb8\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def t(language: str, message: str, context: str | None = None) -> str:
    """``message`` as the admin shows it in ``language`` (Wagtail's catalogs or ours)."""
    with translation.override(language):
        if context:
            return translation.pgettext(context, message)
        return translation.gettext(message)


def totp_code(email: str) -> str:
    authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


class Watched:
    """A signed-in browser page that remembers script errors and server errors."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.problems: list[str] = []
        page.on("pageerror", lambda error: self.problems.append(str(error)))
        page.on("console", self._console)
        page.on(
            "response",
            lambda r: self.problems.append(f"{r.status} {r.url}") if r.status >= 500 else None,
        )

    def _console(self, message) -> None:
        # Wagtail's autosave posts the editor every few seconds; while a new block is still
        # half filled in (no image chosen yet) the form is invalid and the answer is a 400,
        # which pauses autosave until the form is valid again. Any other error counts.
        if message.type == "error" and "status of 400" not in message.text:
            self.problems.append(message.text)

    def goto(self, path: str):
        return self.page.goto(f"{self.base_url}{path}")


@pytest.fixture
def staff(browser, demo):
    """Sign someone in (see sign_in); their browser is closed at the end of the test, so no
    request of theirs (autosave) reaches the server once the test is over."""
    opened = []

    def signed_in(email: str, language: str) -> Watched:
        page = sign_in(browser, demo.url, email, language)
        opened.append(page.page.context)
        return page

    yield signed_in
    for context in opened:
        context.close()


def sign_in(browser, base_url: str, email: str, language: str) -> Watched:
    """Sign in through the sign-in page and the two-factor step, as a person would."""
    # Labels are looked up in the catalogs: without compiled ones a French journey would
    # silently look for, and find, English labels.
    assert language == "en" or t(language, "Record the decision") != "Record the decision", (
        "compile the catalogs first: manage.py compile_catalogs"
    )
    # Through the service, as My profile does: Wagtail keeps its own copy of the language.
    profile_update(user=get_user_model().objects.get(email=email), preferred_language=language)
    context = browser.new_context(locale=language, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = Watched(context.new_page(), base_url)
    page.goto(f"/{language}/accounts/login/?next=/admin/")
    page.page.locator("input[name=login]").fill(email)
    page.page.locator("input[name=password]").fill(PASSWORDS[email])
    page.page.locator("main form button[type=submit]").first.click()
    page.page.wait_for_url("**/2fa/authenticate/**")
    for _try in range(2):
        page.page.locator("input[name=code]").fill(totp_code(email))
        page.page.locator("main form button[type=submit]").first.click()
        page.page.wait_for_load_state()
        if "/2fa/" not in page.page.url:
            break
        # The same person signed in a moment ago in another test: a code is accepted once,
        # so wait for the next one.
        time.sleep(mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD + 1)
    page.page.wait_for_url("**/admin/**")
    assert page.page.locator("html").get_attribute("lang").startswith(language)
    return page


@pytest.mark.parametrize("language", LANGUAGES)
def test_programme_manager_reads_the_charts_and_downloads_the_report(staff, language):
    manager = staff("manager@example.org", language)
    page = manager.page
    page.get_by_role("link", name=t(language, "Programme report")).first.click()
    page.wait_for_url("**/admin/reports/programme/**")
    expect(page.get_by_text(t(language, "Figures for the whole programme."))).to_be_visible()

    charts = page.locator("figure.report-chart svg")
    assert charts.count() >= 8
    for n in range(charts.count()):
        chart = charts.nth(n)
        widths = chart.locator(".report-bars rect").evaluate_all(
            "bars => bars.map(bar => Number(bar.getAttribute('width')))"
        )
        values = chart.locator(".report-bars text").evaluate_all(
            "labels => labels.map(label => label.textContent)"
        )
        title = chart.locator("title").first.text_content()
        assert sum(1 for width in widths if width > 1) >= 2, title
        assert [v for v in values if v and not v.startswith("<")], title

    page.get_by_label(t(language, "Country"), exact=True).select_option("SN")
    page.get_by_role("button", name=t(language, "Show the figures")).click()
    page.wait_for_url("**country=SN**")
    with page.expect_download() as download:
        page.get_by_role("link", name=t(language, "Download as CSV")).click()
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        text = handle.read()
    assert t(language, "Programme report") in text
    assert "Senegal" in text or "Sénégal" in text
    with page.expect_download() as download:
        page.get_by_role("link", name=t(language, "Download as Excel (XLSX)")).click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(2) == b"PK"
    assert manager.problems == []


def admin_action(page, name: str):
    """A button of the editor's action menu, opening the menu when it is folded away."""
    button = page.get_by_role("button", name=name, exact=True)
    if not button.first.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    return button.first


def add_block(page, label: str):
    """Add a block of type ``label`` at the end of the lesson body."""
    page.locator("[data-contentpath=body] button.c-sf-add-button").last.click()
    # The newest menu: the one opened for the block before may still be fading out.
    page.get_by_role("option", name=label, exact=True).last.click()


def upload_in_chooser(page, choose: str, prefix: str, path, title: str):
    """Open a block's chooser, upload a file in its Upload tab and pick it."""
    page.get_by_role("button", name=choose).last.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name=t(page.language, "Upload")).click()
    modal.locator(f"#id_{prefix}-chooser-upload-file").set_input_files(str(path))
    # Wagtail suggests a title from the file name just after the file is chosen; typing before
    # that lands in the middle of it ("extraction-logExtraction log", seen on a loaded run).
    title_input = modal.locator(f"#id_{prefix}-chooser-upload-title")
    with contextlib.suppress(AssertionError):  # no title suggested: nothing to wait for
        expect(title_input).not_to_have_value("", timeout=5000)
    title_input.fill(title)
    expect(title_input).to_have_value(title)
    modal.locator(f"#id_{prefix}-chooser-upload-file").evaluate("i => i.form.requestSubmit()")
    modal.wait_for(state="detached")


@pytest.mark.parametrize("language", LANGUAGES)
def test_trainer_edits_a_lesson_and_the_lead_trainer_publishes_it(staff, language, tmp_path):
    from courses.models import LessonPage

    lesson = LessonPage.objects.get(slug="where-mobile-evidence-lives", locale__language_code="en")
    blocks_before = len(lesson.body)
    image_file = tmp_path / "seized-phone.png"
    image_file.write_bytes(PNG)
    evidence_file = tmp_path / "extraction-log.txt"
    evidence_file.write_text("Extraction log of exhibit MF-2026-014\n", encoding="utf-8")

    trainer = staff("trainer@example.org", language)
    page = trainer.page
    page.language = language
    trainer.goto(f"/admin/pages/{lesson.pk}/edit/")
    page.get_by_role("button", name=t(language, "Save draft")).wait_for()

    add_block(page, t(language, "Image"))
    upload_in_chooser(page, t(language, "Choose an image"), "image", image_file, "Seized phone")
    page.locator("input[name$='-value-alt']").last.fill("A seized phone in a sealed bag")
    add_block(page, t(language, "Evidence file"))
    upload_in_chooser(
        page, t(language, "Choose a document"), "document", evidence_file, "Extraction log"
    )
    page.locator("input[name$='-value-title']").last.fill("Extraction log of exhibit MF-2026-014")
    page.get_by_role("button", name=t(language, "Save draft")).click()
    page.wait_for_url(f"**/admin/pages/{lesson.pk}/edit/**")
    page.locator(".messages .success").first.wait_for()

    page.get_by_role("button", name=t(language, "Toggle preview")).click()
    preview = page.frame_locator("iframe[title]").last
    preview.get_by_role("heading", name=lesson.title).wait_for()
    expect(preview.get_by_text("Extraction log of exhibit MF-2026-014").first).to_be_visible()
    expect(preview.get_by_role("img", name="A seized phone in a sealed bag")).to_be_visible()

    submit = t(language, "Submit to %(workflow_name)s") % {"workflow_name": "Course review"}
    admin_action(page, submit).click()
    page.wait_for_url("**/admin/pages/**")
    lesson.refresh_from_db()
    assert lesson.current_workflow_state is not None
    assert len(lesson.body) == blocks_before  # the live lesson is unchanged until approved
    assert trainer.problems == []

    lead = staff("lead@example.org", language)
    page = lead.page
    page.get_by_role("link", name=lesson.title).first.click()
    approve = t(language, "%(label)s and Publish") % {"label": t(language, "Approve")}
    admin_action(page, approve).click()
    page.wait_for_url("**/admin/**")
    lesson.refresh_from_db()
    types = [block.block_type for block in lesson.body]
    assert len(types) == blocks_before + 2
    assert types[-2:] == ["image", "evidence_file"]
    assert lesson.body[-1].value["document"].title == "Extraction log"
    # uploads from the choosers land in the course's own collection
    assert lesson.body[-1].value["document"].collection.name == "mobile-forensics"
    assert lesson.body[-2].value["image"].collection.name == "mobile-forensics"
    assert lead.problems == []


CSV = (
    "email,given_name,family_name,country,agency_type,job_title,preferred_language\n"
    "fatou.camara@police.example,Fatou,Camara,SN,police,Investigator,fr\n"
    "not-an-address,Rui,Costa,PT,police,Agente,pt\n"
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_coordinator_decides_an_application_follows_a_cohort_and_imports_people(
    staff, language, tmp_path
):
    from certificates.models import Certificate
    from coordination.models import EnrolmentApplication
    from courses.models import Cohort, Enrolment

    application = EnrolmentApplication.objects.select_related("applicant__profile").get(
        course__slug="darknet-investigations", status="pending", letter__gt=""
    )
    coordinator = staff("coordinator@example.org", language)
    page = coordinator.page

    page.get_by_role("link", name=t(language, "Applications")).first.click()
    page.get_by_role("link", name=application.applicant.profile.display_name).click()
    with page.expect_download() as download:
        page.get_by_role("link", name=t(language, "Download (PDF)")).click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    page.get_by_label(t(language, "Approve"), exact=True).check()
    page.get_by_role("button", name=t(language, "Record the decision")).click()
    page.wait_for_load_state()
    enrolment = Enrolment.objects.get(learner=application.applicant, course=application.course)
    assert enrolment.cohort is None

    cohort = Cohort.objects.get(name="Accra 2026")
    trainee = Enrolment.objects.filter(cohort=cohort).select_related("learner__profile").first()
    coordinator.goto("/admin/coordination/cohorts/")
    row = page.get_by_role("row").filter(has_text="Accra 2026")
    row.get_by_role("link", name=t(language, "Progress")).click()
    page.wait_for_url(f"**/admin/coordination/cohorts/{cohort.pk}/progress/**")
    expect(page.get_by_text(trainee.learner.email)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        assert trainee.learner.email in handle.read()

    certificate = (
        Certificate.objects.filter(
            learner__enrolments__cohort=cohort, revoked_at=None, course=cohort.course
        )
        .order_by("pk")
        .first()
    )
    coordinator.goto(f"/admin/certificates/course/{cohort.course_id}/")
    page.get_by_role("row").filter(has_text=certificate.code).get_by_role(
        "link", name=t(language, "Revoke")
    ).click()
    reason = t(language, "reason for revocation")  # the model field's name, capitalised
    page.get_by_label(reason[0].upper() + reason[1:]).select_option("misconduct")
    page.get_by_role("button", name=t(language, "Revoke")).click()
    page.wait_for_url(f"**/admin/certificates/course/{cohort.course_id}/")
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "misconduct"

    current = Cohort.objects.get(name__startswith="Demo cohort")
    csv_file = tmp_path / "intake.csv"
    csv_file.write_text(CSV, encoding="utf-8")
    coordinator.goto("/admin/coordination/cohorts/")
    row = page.get_by_role("row").filter(has_text=current.name)
    row.get_by_role("link", name=t(language, "Import a CSV")).click()
    page.get_by_label(t(language, "CSV file")).set_input_files(str(csv_file))
    page.get_by_role("button", name=t(language, "Check the file")).click()
    page.get_by_role("button", name=t(language, "Import only the valid rows")).click()
    page.wait_for_load_state()
    assert Enrolment.objects.filter(
        cohort=current, learner__email="fatou.camara@police.example"
    ).exists()
    assert coordinator.problems == []
