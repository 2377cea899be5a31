"""Take the screenshots of docs/authoring.md, docs/translating.md and the coordinators' guide.

    .venv/bin/python scripts/screenshots.py [--out docs/images] [--only NAME ...]

Seeds a throw-away demo in a temporary folder (nothing in var/ is touched), prepares the few
states the guides show (a lesson sent for review, an out-of-date translation), serves it with
``runserver`` on a free local port and drives Debian's Chromium (``/usr/bin/chromium`` or
``LMS_CHROMIUM``) with Playwright at 1280x800, as the browser tests do. Each PNG is reduced
to a 256-colour palette when that keeps it readable and under 150 KB.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VIEWPORT = {"width": 1280, "height": 800}
MAX_BYTES = 150_000
PROGRAMMES = ["mobile-forensics", "diploma-ocsea"]
STAFF = {
    "trainer": ("trainer@example.org", "teach-cyber-2026"),
    "lead": ("lead@example.org", "review-cyber-2026"),
}
READER = ("reader@example.org", "read-cyber-2026")
COORDINATOR = ("coordinator@example.org", "run-cohorts-2026")
CLASSROOM_COHORT = "Demo cohort (started ten days ago)"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# French for the strings of the translated lesson the guides show (the rest stays English).
FRENCH = {
    "Mobile Forensics for Criminal Justice Practitioners": (
        "Criminalistique mobile pour les praticiens de la justice pénale"
    ),
}


def manage(env, *args, capture=False) -> str:
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


# Preparing the demo (runs in a child process with Django set up on the temporary database).


def prepare() -> dict:
    import datetime

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from wagtail.models import Locale, Page
    from wagtail.users.models import UserProfile
    from wagtail_localize.models import Translation, TranslationSource
    from wagtail_localize.operations import TranslationCreator

    from assessments.models import Question
    from courses import services as course_services
    from courses.models import CoursePage, Enrolment, LessonPage
    from lms import roles
    from lms import services as lms_services

    User = get_user_model()
    english, french = (Locale.objects.get(language_code=code) for code in ("en", "fr"))
    for email, _password in STAFF.values():
        staff = User.objects.get(email=email)
        lms_services.profile_update(user=staff, preferred_language="en")
        profile = UserProfile.get_for_user(staff)
        profile.preferred_language = "en"
        profile.save()
    reader = User.objects.filter(email=READER[0]).first() or lms_services.user_create(
        email=READER[0],
        password=READER[1],
        email_verified=True,
        given_name="Wanjiru",
        family_name="Kamau",
        country="KE",
        agency_type="police",
        preferred_language="en",
    )
    lms_services.role_grant(user=reader, role=roles.LEARNER)

    mobile = CoursePage.objects.get(slug="mobile-forensics", locale=english)
    diploma = CoursePage.objects.get(slug="diploma-ocsea", locale=english)
    if not Enrolment.objects.filter(learner=reader, course=mobile).exists():
        course_services.enrolment_create(learner=reader, course=mobile)
    lessons = list(LessonPage.objects.live().descendant_of(mobile).order_by("path"))

    # The French course (the loader leaves it out while its PO file is empty).
    if not mobile.get_translations().filter(locale=french).exists():
        for page in [mobile, *mobile.get_descendants().order_by("path")]:
            lms_services.page_translation_import(page=page, language_code="fr", strings=FRENCH)
    # The English original of the second lesson changes after it was translated.
    changed = lessons[1]
    changed.summary = changed.summary.rstrip(".") + ", updated for the 2026 guidance."
    changed.save_revision().publish()
    french_lesson = changed.get_translation(french)

    # A question translated into French, then corrected in English.
    question = Question.objects.filter(locale=english, type="single").order_by("pk").first()
    if not Question.objects.filter(
        translation_key=question.translation_key, locale=french
    ).exists():
        TranslationCreator(None, [french]).create_translations(question)
        source = TranslationSource.objects.get(object_id=question.translation_key)
        Translation.objects.get(source=source, target_locale=french).save_target()
    question.title = question.title.rstrip("?") + " (revised)"
    question.save()

    # A trainer's change waiting for the lead trainer's review.
    trainer = User.objects.get(email=STAFF["trainer"][0])
    reviewed = lessons[2]
    if reviewed.current_workflow_state is None:
        reviewed.estimated_minutes += 5
        reviewed.save_revision(user=trainer)
        reviewed.get_workflow().start(reviewed, trainer)

    # A lesson of the diploma with a sensitive section, open to read without enrolling.
    sensitive = next(
        lesson
        for lesson in LessonPage.objects.live().descendant_of(diploma).order_by("path")
        if any(block.block_type == "sensitive" for block in lesson.body)
    )
    LessonPage.objects.filter(pk=sensitive.pk).update(free_preview=True)

    # Dates as a translator would meet them: translated twelve days ago, changed two days ago.
    now = timezone.now()
    synced, edited = now - datetime.timedelta(days=12), now - datetime.timedelta(days=2)
    source = TranslationSource.objects.get(object_id=changed.translation_key, locale=english)
    TranslationSource.objects.filter(
        object_id__in=[changed.translation_key, question.translation_key]
    ).update(last_updated_at=synced)
    Page.objects.filter(pk=french_lesson.pk).update(last_published_at=synced)
    Page.objects.filter(pk=changed.pk).update(last_published_at=edited)
    Question.objects.filter(translation_key=question.translation_key, locale=french).update(
        updated_at=synced
    )
    Question.objects.filter(pk=question.pk).update(updated_at=edited)
    return {
        **prepare_classroom(),
        "diploma": diploma.url,
        "sensitive_lesson": sensitive.url,
        "sensitive_lesson_edit": f"/admin/pages/{sensitive.pk}/edit/",
        "lesson_edit": f"/admin/pages/{lessons[0].pk}/edit/",
        "reviewed_edit": f"/admin/pages/{reviewed.pk}/edit/",
        "question_edit": f"/admin/snippets/assessments/question/edit/{question.pk}/",
        "french_lesson": french_lesson.url,
        "french_lesson_edit": f"/admin/pages/{french_lesson.pk}/edit/",
        "sync": f"/admin/localize/update/{source.pk}/",
        "module_explorer": f"/admin/pages/{lessons[0].get_parent().pk}/",
        "page_ids": {"mobile": mobile.pk, "home": Page.objects.get(depth=2, locale=english).pk},
    }


def prepare_classroom() -> dict:
    """A laptop's results bundle for the demo cohort, ready for the coordinator to upload.

    A node key is registered for the cohort, and the bundle (signed with it) says the cohort's
    learners were present two days and completed the first lessons, as a laptop would.
    """
    import datetime
    import uuid

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from django.conf import settings
    from django.utils import timezone

    from classroom import bundle as bundles
    from classroom import services as classroom
    from courses.models import Cohort, Enrolment, LessonPage

    cohort = Cohort.objects.get(name=CLASSROOM_COHORT)
    key = Ed25519PrivateKey.generate()
    classroom.node_key_register(
        cohort=cohort,
        fingerprint=bundles.fingerprint(bundles.public_key_text(key)),
        label="Laptop 1 (Dakar)",
    )
    learners = list(
        Enrolment.objects.filter(cohort=cohort).values_list("learner_id", flat=True)[:12]
    )
    lessons = list(
        LessonPage.objects.live()
        .descendant_of(cohort.course)
        .order_by("path")
        .values_list("pk", flat=True)[:3]
    )
    now = timezone.now()
    days = [(now - datetime.timedelta(days=n)).date().isoformat() for n in (2, 1)]
    results = {
        "cohort": cohort.pk,
        "classroom_bundle_id": str(uuid.uuid4()),
        "learners": learners,
        "completions": [
            {"learner": learner, "lesson": lesson, "completed_at": now.isoformat()}
            for learner in learners
            for lesson in lessons
        ],
        "attempts": [],
        "attendance": [{"learner": learner, "day": day} for learner in learners for day in days],
    }
    data = bundles.build_bundle(
        files={classroom.RESULTS_PATH: json.dumps([results]).encode()},
        kind=bundles.KIND_RESULTS,
        key=key,
        platform_id=classroom.platform_id(),
        base_url=settings.WAGTAILADMIN_BASE_URL,
        created=now,
        expires=now + datetime.timedelta(days=30),
        languages=[],
        extra={"cohort_id": cohort.pk},
    )
    path = Path(os.environ["LMS_VAR_DIR"]) / "results-laptop-1.zip"
    path.write_bytes(data)
    return {"classroom_cohort": f"/admin/classroom/cohorts/{cohort.pk}/", "results": str(path)}


# Serving and shooting.


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - a local http URL
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The demo server did not answer at {url}.")


def optimise(path: Path) -> None:
    """A 256-colour palette when it keeps the file under the limit: UI text survives it."""
    from PIL import Image

    with Image.open(path) as image:
        image.load()
    image = image.convert("RGB")
    image.save(path, optimize=True)
    if path.stat().st_size > MAX_BYTES:
        palette = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=0)
        palette.save(path, optimize=True)


class Shooter:
    def __init__(self, browser, base: str, env: dict, out: Path, only: set[str]):
        self.browser, self.base, self.env, self.out, self.only = browser, base, env, out, only
        self.taken: list[Path] = []

    def context(self):
        return self.browser.new_context(
            viewport=VIEWPORT, locale="en-GB", device_scale_factor=1, color_scheme="light"
        )

    def wanted(self, name: str) -> bool:
        return not self.only or name in self.only

    def shoot(self, page, name: str, full_page: bool = False) -> None:
        page.wait_for_load_state("networkidle")
        path = self.out / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        optimise(path)
        self.taken.append(path)
        print(f"{path}: {path.stat().st_size // 1024} KB")

    def sign_in(self, page, email: str, password: str, staff: bool) -> None:
        page.goto(f"{self.base}/en/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_load_state("networkidle")
        if staff:
            code = manage(self.env, "totp_code", email, capture=True).strip()
            page.locator("input[name=code]").fill(code)
            page.locator("input[name=code]").press("Enter")
            page.wait_for_load_state("networkidle")


def scroll_to(page, locator, offset: int = 90) -> None:
    locator.first.scroll_into_view_if_needed()
    box = locator.first.bounding_box()
    if box:
        page.mouse.wheel(0, box["y"] - offset)
        page.wait_for_timeout(300)


def shoot_learner(shooter: Shooter, urls: dict) -> None:
    context = shooter.context()
    page = context.new_page()
    base = shooter.base
    if shooter.wanted("authoring-content-note"):
        page.goto(base + urls["diploma"])
        shooter.shoot(page, "authoring-content-note")
    if shooter.wanted("authoring-wellbeing-reminder"):
        page.goto(base + urls["sensitive_lesson"])
        shooter.shoot(page, "authoring-wellbeing-reminder")
    if shooter.wanted("authoring-sensitive-closed") or shooter.wanted("authoring-sensitive-open"):
        page.goto(base + urls["sensitive_lesson"])
        section = page.locator("details.sensitive")
        scroll_to(page, section, offset=220)
        if shooter.wanted("authoring-sensitive-closed"):
            shooter.shoot(page, "authoring-sensitive-closed")
        section.first.locator("summary").click()
        scroll_to(page, section, offset=120)
        if shooter.wanted("authoring-sensitive-open"):
            shooter.shoot(page, "authoring-sensitive-open")
    if shooter.wanted("translating-outdated-note"):
        shooter.sign_in(page, *READER, staff=False)
        page.goto(base + urls["french_lesson"])
        shooter.shoot(page, "translating-outdated-note")
    context.close()


def shoot_trainer(shooter: Shooter, urls: dict) -> None:
    context = shooter.context()
    page = context.new_page()
    base = shooter.base
    shooter.sign_in(page, *STAFF["trainer"], staff=True)
    if shooter.wanted("authoring-page-tree"):
        page.goto(base + urls["module_explorer"] + "?ordering=ord")
        shooter.shoot(page, "authoring-page-tree")
    if shooter.wanted("authoring-lesson-editor"):
        page.goto(base + urls["lesson_edit"])
        add = page.locator("[data-contentpath=body] button.c-sf-add-button")
        scroll_to(page, add, offset=150)
        add.first.click()  # the list of blocks a trainer can add
        page.wait_for_timeout(500)
        shooter.shoot(page, "authoring-lesson-editor")
    if shooter.wanted("authoring-question-editor"):
        page.goto(base + urls["question_edit"])
        shooter.shoot(page, "authoring-question-editor")
    if shooter.wanted("authoring-submit-for-review"):
        page.goto(base + urls["lesson_edit"])
        page.locator(
            "footer .dropdown-toggle, footer [data-w-dropdown-target=toggle]"
        ).first.click()
        page.wait_for_timeout(400)
        shooter.shoot(page, "authoring-submit-for-review")
    if shooter.wanted("translating-outdated-report"):
        page.goto(base + "/admin/reports/outdated-translations/")
        shooter.shoot(page, "translating-outdated-report")
    if shooter.wanted("translating-editor"):
        page.goto(base + urls["french_lesson_edit"])
        page.wait_for_timeout(1500)  # the translation editor is a React app
        shooter.shoot(page, "translating-editor")
    if shooter.wanted("translating-sync"):
        page.goto(base + urls["sync"])
        shooter.shoot(page, "translating-sync")
    context.close()


def shoot_lead(shooter: Shooter, urls: dict) -> None:
    context = shooter.context()
    page = context.new_page()
    base = shooter.base
    shooter.sign_in(page, *STAFF["lead"], staff=True)
    if shooter.wanted("authoring-review-dashboard"):
        page.goto(base + "/admin/")
        shooter.shoot(page, "authoring-review-dashboard")
    if shooter.wanted("authoring-sensitive-editor"):
        page.goto(base + urls["sensitive_lesson_edit"])
        heading = page.locator(".c-sf-block__type", has_text="Sensitive section")
        scroll_to(page, heading, offset=70)
        shooter.shoot(page, "authoring-sensitive-editor")
    context.close()


def shoot_coordinator(shooter: Shooter, urls: dict) -> None:
    names = ("coordinators-classroom-export", "coordinators-classroom-import-preview")
    if not any(shooter.wanted(name) for name in names):
        return
    context = shooter.context()
    page = context.new_page()
    base = shooter.base
    shooter.sign_in(page, *COORDINATOR, staff=True)
    if shooter.wanted("coordinators-classroom-export"):
        page.goto(base + urls["classroom_cohort"])
        shooter.shoot(page, "coordinators-classroom-export")
    if shooter.wanted("coordinators-classroom-import-preview"):
        page.goto(base + "/admin/classroom/results/")
        page.locator("input[type=file]").set_input_files(urls["results"])
        page.get_by_role("button", name="Check the bundle").click()
        page.wait_for_load_state("networkidle")
        shooter.shoot(page, "coordinators-classroom-import-preview")
    context.close()


def shoot_classroom_learner(shooter: Shooter) -> None:
    """The page a learner opens on the classroom laptop (the same page on any install)."""
    if not shooter.wanted("coordinators-classroom-code-sign-in"):
        return
    context = shooter.context()
    page = context.new_page()
    page.goto(shooter.base + "/en/learn/classroom/sign-in/")
    page.locator("input[name=code]").fill("K7QMP-R2XWD")
    shooter.shoot(page, "coordinators-classroom-code-sign-in")
    context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "images"))
    parser.add_argument("--only", nargs="*", default=[], help="names of screenshots to take")
    parser.add_argument("--keep", action="store_true", help="keep the temporary demo folder")
    options = parser.parse_args()
    chromium = os.environ.get("LMS_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        raise SystemExit("No Chromium found: apt-get install chromium (or set LMS_CHROMIUM).")
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)

    var = Path(tempfile.mkdtemp(prefix="lms-screenshots-"))
    env = {
        **os.environ,
        "LMS_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "config.settings.development",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": "",
        "PYTHONPATH": str(ROOT),
    }
    server = None
    try:
        print(f"Seeding a throw-away demo in {var}")
        manage(env, "migrate", "-v", "0")
        manage(env, "compile_catalogs", capture=True)
        seed = ["seed_demo", "--quiet"] + [f"--programme={slug}" for slug in PROGRAMMES]
        manage(env, *seed)
        prepared = subprocess.run(  # noqa: S603 - this script, in its prepare mode
            [PYTHON, __file__, "--prepare"],
            env=env,
            cwd=ROOT,
            check=True,
            text=True,
            stdout=subprocess.PIPE,
        )
        urls = json.loads(prepared.stdout.strip().splitlines()[-1])
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [PYTHON, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/en/")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=CHROMIUM_FLAGS
            )
            shooter = Shooter(browser, base, env, out, set(options.only))
            shoot_learner(shooter, urls)
            shoot_trainer(shooter, urls)
            shoot_lead(shooter, urls)
            shoot_coordinator(shooter, urls)
            shoot_classroom_learner(shooter)
            browser.close()
        too_big = [path.name for path in shooter.taken if path.stat().st_size > MAX_BYTES]
        if too_big:
            print(f"Over {MAX_BYTES // 1000} KB: {', '.join(too_big)}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        if options.keep:
            print(f"Kept {var}")
        else:
            shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--prepare"]:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(prepare()))
    else:
        main()
