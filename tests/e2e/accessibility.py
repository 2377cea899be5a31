"""The accessibility check shared by the two accessibility test modules.

The pages are split between tests/e2e/test_accessibility.py (public and learner pages) and
tests/e2e/test_accessibility_staff.py (the admin), so that the two browser-test workers share
the work: together they are the longest browser test.
"""

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from tests.e2e.test_certificates_journey import signed_in
from tests.security.world import build_world

SIZES = {"desktop": (1280, 800), "phone": (375, 740)}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# (rule id, CSS selector): elements of Wagtail's own admin that fail a rule we cannot fix
# from our templates. Keep this list short; docs/development.md says why each is here.
EXCLUDED: list[tuple[str, str]] = [
    # Draftail (Wagtail's rich text editor) gives its editable area role="textbox" with no
    # name of its own; the field's visible label is not tied to it.
    ("aria-input-field-name", ".Draftail-Editor .public-DraftEditor-content"),
]

# (who signs in, what the page is, URL with X's ids)
PAGES = [
    (None, "home", "/en/"),
    (None, "catalog", "/en/courses/"),
    ("learner", "course", "{course_url}"),
    ("learner", "lesson", "{lesson_url}"),
    ("learner", "quiz intro", "{quiz_url}"),
    ("learner", "attempt", "/en/learn/attempt/{open_attempt}/"),
    ("learner", "result", "/en/learn/attempt/{attempt}/result/"),
    ("learner", "submission summary", "/en/learn/attempt/{open_attempt}/submit/"),
    ("learner", "dashboard", "/en/learn/"),
    ("learner", "grades", "/en/learn/grades/"),
    ("learner", "calendar", "/en/learn/calendar/"),
    ("learner", "notifications", "/en/learn/notifications/"),
    ("learner", "profile", "/en/accounts/profile/"),
    ("learner", "discussion case", "{discussion_url}"),
    ("learner", "attempt with a written answer", "/en/learn/attempt/{written_open_attempt}/"),
    ("learner", "result awaiting marking", "/en/learn/attempt/{written_attempt}/result/"),
    (None, "sign-in", "/en/accounts/login/"),
    (None, "sign-up", "/en/accounts/signup/"),
    (None, "certificate verification", "/en/verify/{certificate_code}/"),
    (None, "404", "/en/no-such-page/"),
    ("trainer", "admin dashboard", "/admin/"),
    ("trainer", "lesson editor", "/admin/pages/{lesson}/edit/"),
    ("trainer", "question bank", "/admin/snippets/assessments/question/"),
    ("trainer", "question editor", "/admin/snippets/assessments/question/edit/{question}/"),
    ("trainer", "GIFT import", "/admin/question-bank/gift/"),
    ("trainer", "quiz results", "/admin/quiz-results/{quiz}/"),
    ("trainer", "attempt in the results", "/admin/quiz-results/{quiz}/attempt/{attempt}/"),
    ("trainer", "typed answers", "/admin/quiz-results/{quiz}/typed-answers/"),
    ("trainer", "marking queue", "/admin/marking/"),
    ("trainer", "marking a written answer", "/admin/marking/{written_attempt}/"),
    ("trainer", "discussions", "/admin/discussions/"),
    (
        "trainer",
        "a cohort's discussion thread",
        "/admin/discussions/{discussion}/cohorts/{cohort}/",
    ),
    ("manager", "programme report", "/admin/reports/programme/"),
    ("manager", "revoke", "/admin/certificates/{certificate_code}/revoke/"),
    ("manager", "in-person award", "/admin/certificates/course/{course}/in-person/"),
    ("coordinator", "applications", "/admin/coordination/applications/"),
    ("coordinator", "application", "/admin/coordination/applications/{application}/"),
    ("coordinator", "cohort members", "/admin/coordination/cohorts/{cohort}/members/"),
    ("coordinator", "member import", "/admin/coordination/cohorts/{cohort}/import/"),
    ("coordinator", "progress table", "/admin/coordination/cohorts/{cohort}/progress/"),
    ("manager", "audit log", "/admin/coordination/audit/"),
]

BROKEN_IMAGES = """() => Array.from(document.images)
    .filter(image => image.complete && image.src && image.naturalWidth === 0)
    .map(image => image.src)"""


def _world_ids():
    from assessments import services as quiz_services
    from assessments.models import Question, QuizPage, Response
    from courses.models import CoursePage, LessonPage, ModulePage
    from discussions.models import DiscussionPage
    from tests import factories

    world = build_world()
    course = CoursePage.objects.get(pk=world.ids["course"])
    module = ModulePage.objects.child_of(course).get()
    # A second quiz, so the learner has an attempt in progress as well as a submitted one.
    question = Question.objects.get(pk=world.ids["question"])
    second_quiz = factories.make_quiz(module=module, questions=[question], title="Quiz two")
    open_attempt = quiz_services.attempt_start(learner=world.learner, quiz=second_quiz)
    # The written answer awaiting marking, and one more in progress on the attempt page.
    written = Response.objects.select_related("attempt", "question").get(
        pk=world.ids["written_response"]
    )
    written_quiz = factories.make_quiz(module=module, questions=[written.question], title="Memo")
    written_open = quiz_services.attempt_start(learner=world.learner, quiz=written_quiz)
    ids = {
        **world.ids,
        "course_url": course.url,
        "lesson_url": LessonPage.objects.get(pk=world.ids["lesson"]).url,
        "quiz_url": QuizPage.objects.get(pk=world.ids["quiz"]).url,
        "open_attempt": open_attempt.pk,
        "written_attempt": written.attempt_id,
        "written_open_attempt": written_open.pk,
        "discussion_url": DiscussionPage.objects.get(pk=world.ids["discussion"]).url,
    }
    return world, ids


def _describe(violation: dict) -> str:
    nodes = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
    return f"{violation['id']} ({violation['impact']}): {violation['help']} -> {nodes}"


def _matches(page, node: dict, selector: str) -> bool:
    """Whether the element axe reports (its first target) is, or is inside, ``selector``."""
    target = node["target"][0]
    return page.evaluate(
        "([target, selector]) => { const element = document.querySelector(target);"
        " return !!(element && element.closest(selector)); }",
        [target, selector],
    )


def check_pages(browser, live_server, pages) -> None:
    """Open each of ``pages`` at every width on one world, one sign-in per role; fail with
    every violation, broken image and outside request found."""
    world, ids = _world_ids()
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    excluded_by_rule: dict[str, list[str]] = {}
    for rule, selector in EXCLUDED:
        excluded_by_rule.setdefault(rule, []).append(selector)

    contexts = {}
    problems: list[str] = []
    outside: set[str] = set()
    site = urlsplit(live_server.url).netloc

    def context_for(who):
        if who not in contexts:
            if who is None:
                context = browser.new_context(locale="en-GB")
            else:
                context = signed_in(browser, live_server, getattr(world, who))
            context.on(
                "request",
                lambda request: (
                    outside.add(request.url)
                    if urlsplit(request.url).scheme in ("http", "https")
                    and urlsplit(request.url).netloc != site
                    else None
                ),
            )
            contexts[who] = context.new_page()
        return contexts[who]

    checked = 0
    for who, kind, url in pages:
        page = context_for(who)
        # Each width is a fresh load, as a phone would make it: Wagtail's admin lays itself out
        # in JavaScript when it loads (a resize of a desktop page is not what a phone shows).
        for size, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})
            response = page.goto(live_server.url + url.format(**ids), wait_until="load")
            expected = 404 if kind == "404" else 200
            if response is None or response.status != expected:
                # axe would happily pass an error page: the page checked must be the one named.
                problems.append(f"{kind} [{url}] answered {response and response.status}")
                break
            page.wait_for_load_state("networkidle")
            results = axe.run(page, options=options).response
            checked += 1
            for violation in results["violations"]:
                selectors = excluded_by_rule.get(violation["id"], [])
                violation["nodes"] = [
                    node
                    for node in violation["nodes"]
                    if not any(
                        page.locator(s).count() and _matches(page, node, s) for s in selectors
                    )
                ]
                if violation["nodes"]:
                    problems.append(f"{kind} at {size} [{url}] {_describe(violation)}")
            for src in page.evaluate(BROKEN_IMAGES):
                problems.append(f"{kind} at {size} [{url}] broken image: {src}")

    for page in contexts.values():
        page.context.close()
    assert checked == len(pages) * len(SIZES) or problems
    assert problems == [], f"{len(problems)} accessibility problems:\n" + "\n".join(problems)
    assert outside == set(), f"requests left the site: {sorted(outside)}"
