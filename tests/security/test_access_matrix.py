"""Who may reach what: every URL pattern, requested as each of nine people, GET and POST.

The patterns come from the URLconf itself, so a new URL cannot escape: a pattern that no rule
of ``RULES`` declares fails ``test_every_url_pattern_has_a_declared_outcome``. Each rule names
a *profile*, which says for each person whether the request is allowed, refused, or sent to
the sign-in page. The people and the objects are arranged around one course X:

- ``learner`` owns the learner-side objects (an attempt, a certificate, an application);
  ``other_learner`` studies course Y;
- ``trainer`` teaches X; ``other_trainer`` teaches Y; ``lead_trainer`` reviews every course;
- ``coordinator`` runs X's cohort; ``other_coordinator`` runs Y's; ``manager`` oversees all.

Every id in a URL is one of X's objects, so "the other party's" id is what the other learner,
the other trainer and the other coordinator are trying: each must be refused. POSTs send an
empty body (a real form would need a CSRF token as well; the test client skips that check),
inside a savepoint rolled back afterwards, so that one allowed POST does not change what the
next request sees. A URL without an object id (a listing, a form of one's own) expects of the
other learner, trainer and coordinator what it expects of their counterparts. ``ANY`` marks
screens whose answer a library decides (allauth's flows, Wagtail's own permission checks on
screens that name no object of X): any answer but a server error passes there.
"""

import re
from dataclasses import dataclass
from http.cookies import SimpleCookie

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.world import World, build_world

pytestmark = [pytest.mark.django_db]

ROLES = (
    "anonymous",
    "learner",
    "other_learner",
    "trainer",
    "other_trainer",
    "lead_trainer",
    "coordinator",
    "other_coordinator",
    "manager",
)
LEARNERS = {"learner", "other_learner"}
STAFF = set(ROLES) - LEARNERS - {"anonymous"}

ALLOW, DENY, LOGIN, ANY = "allow", "deny", "login", "any"
COUNTERPARTS = {
    "other_learner": "learner",
    "other_trainer": "trainer",
    "other_coordinator": "coordinator",
}


def profile(*, allow=(), login_for_anonymous=True) -> dict[str, str]:
    """Everyone not in ``allow`` is refused; anonymous visitors go to the sign-in page."""
    outcome = {role: (ALLOW if role in allow else DENY) for role in ROLES}
    if login_for_anonymous and "anonymous" not in allow:
        outcome["anonymous"] = LOGIN
    return outcome


PUBLIC = profile(allow=ROLES)
SIGNED_IN = profile(allow=set(ROLES) - {"anonymous"})
OWNER = profile(allow={"learner"})
ANY_STAFF = profile(allow=STAFF)
COURSE_STAFF = profile(allow={"trainer", "lead_trainer", "manager"})
COHORT_STAFF = profile(allow={"coordinator", "manager"})
MANAGER = profile(allow={"manager"})
NOBODY = profile()  # superusers only (none of the nine people is one)
# Wagtail's "test the 500 page" view: it fails on purpose, for staff only.
FAILWHALE = {**ANY_STAFF, **dict.fromkeys(STAFF, "error")}
# Sign-in, sign-out, password-reset and e-mail-confirmation steps: allauth decides where each
# step leads (a signed-in person is sent on, a stale key is refused); what matters here is
# that none of them fails, whoever asks.
ACCOUNT_FLOW = dict.fromkeys(ROLES, ANY)
# Ids that exist for nobody (a page-view restriction, a workflow task state): a 404 for all.
NOT_FOUND = dict.fromkeys(ROLES, DENY)
QUESTION_BANK = profile(allow={"trainer", "lead_trainer", "manager"})
LEAD = profile(allow={"lead_trainer"})
COURSE_FILE = profile(allow={"learner"} | STAFF)
QUESTION_DELETE = profile(allow={"lead_trainer", "manager"})
SIGNED_IN_ANY = {**dict.fromkeys(ROLES, ANY), "anonymous": LOGIN}
# Staff screens without an object of X in the URL: Wagtail's own permissions decide what each
# staff member sees there (often an empty list); learners never get in.
STAFF_DECIDES = {**profile(), **dict.fromkeys(STAFF, ANY)}
NOT_FOUND_FOR_STAFF = profile()
# X's own staff may try (wagtail-localize has the last word); nobody else gets past the guard.
OWN_COURSE_MAY_TRY = {**profile(), **dict.fromkeys({"trainer", "lead_trainer", "manager"}, ANY)}
COURSE_PAGES = profile(allow={"trainer", "lead_trainer"})
MODERATORS = profile(allow={"trainer", "coordinator", "manager"})
MENTORS = profile(allow={"trainer", "manager"})
# Written answers of X's learners: X's trainers and lead trainers, the coordinator of X's
# cohort, and managers.
MARKERS = profile(allow={"trainer", "lead_trainer", "coordinator", "manager"})


@dataclass(frozen=True)
class Rule:
    route: str  # a regular expression matched against the pattern's full route
    outcome: dict[str, str]
    why: str = ""


RULES: list[Rule] = [
    # --- the public site -----------------------------------------------------------------
    Rule(r"^documents/authenticate_with_password/", ACCOUNT_FLOW, "no restriction exists"),
    Rule(r"^documents/", COURSE_FILE, "a file in X's collection: its learners and staff"),
    Rule(r"^en/verify/", PUBLIC, "public certificate verification"),
    Rule(r"^en/accounts/(login|signup|password/reset|confirm-email|inactive|logout|"
         r"reauthenticate|login/code|\^confirm-email|\^password/reset)", ACCOUNT_FLOW),
    Rule(r"^en/accounts/2fa/", SIGNED_IN_ANY, "a learner without an authenticator gets 404"),
    Rule(r"^en/accounts/", SIGNED_IN, "one's own account, e-mail and sessions"),
    Rule(r"^en/_util/login/", PUBLIC, "the sign-in form of password-protected pages"),
    Rule(r"^en/_util/", NOT_FOUND, "no password-protected page exists"),
    Rule(r"^en/\^", PUBLIC, "Wagtail serves pages; course pages are public"),
    Rule(r"^en/learn/attempt/<int:attempt_id>/submit/", OWNER,
         "the summary before submitting one's own attempt, and its submission"),
    Rule(r"^en/learn/(attempt|certificates)/", OWNER, "a learner's own attempt or certificate"),
    Rule(r"^en/learn/written-file/", OWNER, "the file attached to one's own written answer"),
    Rule(r"^en/learn/grades/", SIGNED_IN, "one's own grades: the URL names nobody else's"),
    Rule(r"^en/learn/calendar", SIGNED_IN, "one's own calendar, as a page and as .ics"),
    Rule(r"^en/learn/notifications/<int:notification_id>/", OWNER, "one's own notification"),
    Rule(r"^en/learn/discussions/", OWNER, "a reply in one's own cohort's thread"),
    Rule(r"^en/learn/classroom/sign-in/", PUBLIC, "classroom node: the code sign-in form"),
    Rule(r"^en/learn/mentoring/(pages|attempts)/", OWNER,
         "a question from a lesson of one's own course, or one's own attempt"),
    Rule(r"^en/learn/open-progress/", SIGNED_IN,
         "adds browser-kept progress to one's own record: the body names lessons, no person"),
    Rule(r"^en/learn/", SIGNED_IN, "a signed-in person acts for themselves"),
    Rule(r"^en/live/<int:live_session_id>/session\.ics", PUBLIC, "a session's public times"),
    Rule(r"^en/live/<int:live_session_id>/register-public/", NOT_FOUND,
         "X's session is for X's learners: public registration is refused to all"),
    Rule(r"^en/live/<int:live_session_id>/", OWNER,
         "register, cancel, join: X's learner, who holds a place in X's session"),
    Rule(r"^en/live/access/<str:token>/certificate\.pdf", NOT_FOUND,
         "the registrant's certificate of attendance: none is issued in this world"),
    Rule(r"^en/live/access/", PUBLIC, "a public registrant's personal link: whoever holds it"),
    # --- the project's admin screens ----------------------------------------------------
    Rule(r"^admin/question-bank/", QUESTION_BANK),
    Rule(r"^admin/quiz-results/", COURSE_PAGES),
    Rule(r"^admin/marking/", MARKERS, "written answers: X's trainers and cohort coordinator"),
    Rule(r"^admin/reports/outdated-translations/", ANY_STAFF),
    Rule(r"^admin/reports/programme/", COHORT_STAFF, "coordinators see their own cohorts"),
    Rule(r"^admin/certificates/", COHORT_STAFF),
    Rule(r"^admin/classroom/", COHORT_STAFF, "offline classroom: the cohort's coordinators"),
    Rule(r"^admin/live/<int:live_session_id>/recording/", COURSE_STAFF,
         "a lesson in X's module: those who may add one (X's trainers, leads, managers)"),
    Rule(r"^admin/live/", MARKERS, "attendance: X's trainers, X's coordinator, managers"),
    Rule(r"^admin/discussions/$", ANY_STAFF, "each sees the threads of their own scope"),
    Rule(r"^admin/discussions/", MODERATORS, "X's trainer, X's cohort's coordinator"),
    Rule(r"^admin/mentoring/$", ANY_STAFF, "each sees the questions of their own courses"),
    Rule(r"^admin/mentoring/report/", COHORT_STAFF, "counts for one's own cohorts"),
    Rule(r"^admin/mentoring/", MENTORS, "X's mentor (its trainer) and managers"),
    Rule(r"^admin/coordination/(audit|assignments)/", MANAGER),
    Rule(r"^admin/coordination/cohorts/delete/", NOBODY, "cohorts are never deleted"),
    Rule(r"^admin/coordination/", COHORT_STAFF),
    # --- Wagtail's admin, scoped by course -------------------------------------------------
    Rule(r"^admin/pages/(workflow/(action|collect_action_data|preview)/|<int:page_id>/"
         r"(workflow_history/detail|convert_alias))", NOT_FOUND_FOR_STAFF,
         "no workflow task exists; a lesson is not an alias"),
    Rule(r"^admin/pages/(<int:page_id>/(delete|unpublish|privacy|revisions/<int:revision_id>/"
         r"unschedule)|<int:page_to_move_id>/move/)", LEAD, "publishing is the lead's"),
    Rule(r"^admin/pages/create/", STAFF_DECIDES, "choose where to create: one's own pages"),
    Rule(r"^admin/pages/<int:parent_page_id>/(results/)?$", STAFF_DECIDES,
         "the explorer sends one to the nearest page one may see"),
    Rule(r"^admin/pages/", COURSE_PAGES, "X's lesson and module pages"),
    Rule(r"^admin/snippets/choose/assessments/\w+/chosen/", QUESTION_BANK),
    Rule(r"^admin/snippets/choose/", STAFF_DECIDES, "choosers list only what one may choose"),
    Rule(r"^admin/snippets/assessments/question/delete/", QUESTION_DELETE),
    Rule(r"^admin/snippets/assessments/questioncategory/delete/", NOBODY,
         "a category is emptied and kept"),
    Rule(r"^admin/snippets/assessments/", QUESTION_BANK, "X's question bank"),
    Rule(r"^admin/snippets/certificates/certificatetemplate/delete/", NOBODY,
         "issued certificates name their template"),
    Rule(r"^admin/snippets/certificates/", MANAGER, "certificate templates"),
    Rule(r"^admin/snippets/$", STAFF_DECIDES),
    Rule(r"^admin/images/<int:image_id>/generate_url/", NOBODY, "dynamic image URLs are off"),
    Rule(r"^admin/(images|documents)/chooser/", STAFF_DECIDES),
    Rule(r"^admin/(images|documents)/", COURSE_PAGES, "files in X's collection"),
    Rule(r"^admin/localize/(submit/snippet|translate/<int:translation_id>/preview/<)",
         OWN_COURSE_MAY_TRY, "wagtail-localize decides for X's own staff"),
    Rule(r"^admin/localize/page/<int:page_id>/convert_to_alias/", NOBODY, "no alias exists"),
    Rule(r"^admin/localize/(reports|api|jsi18n)", STAFF_DECIDES),
    Rule(r"^admin/localize/", COURSE_PAGES, "translating X's pages"),
    # --- Wagtail's admin, the same for every staff member ------------------------------------
    Rule(r"^admin/(login|logout|password_reset|jsi18n|sprite)/", ACCOUNT_FLOW),
    Rule(r"^admin/$", ANY_STAFF),
    Rule(r"^admin/failwhale/", FAILWHALE),
    Rule(r"^admin/(account|dismissibles|editing-sessions|choose-|embeds|test404)", ANY_STAFF),
    Rule(r"^admin/(api|block-preview|tag-autocomplete|bulk|reports|forms|"
         r"workflows/task_chooser)/", STAFF_DECIDES, "no object of X in the URL"),
    Rule(r"^admin/\^\.\*", NOBODY, "Wagtail's admin-wide 404 for an unknown admin URL"),
    # --- site administration: superusers only ---------------------------------------------
    Rule(r"^admin/(users|groups|sites|locales|workflows|redirects|settings|collections)/",
         NOBODY),
]  # fmt: skip


def url_patterns(resolver=None, prefix="") -> list[tuple[str, URLPattern]]:
    """Every (full route, pattern) of the URLconf, included URLconfs followed."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            found += url_patterns(entry, prefix + str(entry.pattern))
        else:
            found.append((prefix + str(entry.pattern), entry))
    return found


def rule_for(route: str) -> Rule | None:
    return next((rule for rule in RULES if re.search(rule.route, route)), None)


def test_every_url_pattern_has_a_declared_outcome():
    undeclared = [route for route, _ in url_patterns() if rule_for(route) is None]
    assert undeclared == []


def test_every_rule_is_used():
    routes = [route for route, _ in url_patterns()]
    unused = [rule.route for rule in RULES if not any(re.search(rule.route, r) for r in routes)]
    assert unused == []


def outcome_of(response, url: str, client, method: str, hops: int = 0) -> str:
    status = response.status_code
    location = response.get("Location", "")
    if status in (301, 302) and location == "/en" + url:
        # LocaleMiddleware adds the language to a URL it does not know: follow that once.
        return outcome_of(getattr(client, method)(location), location, client, method, hops + 1)
    if status in (301, 302, 303, 307, 308):
        if "/accounts/login/" in location or location.startswith("/admin/login/"):
            return LOGIN
        if location.rstrip("/").endswith(("/admin", "/learn")) or "/accounts/2fa/" in location:
            return DENY  # "permission denied" sends to one's own dashboard
        if location.startswith("/") and not location.startswith("//") and hops < 2:
            # Sent on within the site (revisions -> history, a form -> its listing): what
            # counts is whether the page it leads to lets the person in.
            return outcome_of(client.get(location), location, client, "get", hops + 1)
        return ALLOW
    if status in (403, 404, 405, 410):
        return DENY
    if status >= 500:
        return "error"
    return ALLOW


def names_an_object(route: str, pattern) -> bool:
    """Whether the URL carries an object's id (rather than a type, a format or nothing)."""
    names = list(pattern.pattern.converters or {})
    if not names and pattern.pattern.regex.groups:
        return not route.startswith(("admin/^.*", "en/^((?:"))
    return any(name in {"pk", "code"} or name.endswith("id") for name in names)


def requests_for(world: World) -> list[tuple[str, str, dict[str, str]]]:
    """(route, url, expected outcome) for every pattern, with X's ids filled in.

    A URL without an id is a listing or a form of one's own: there the other learner, trainer
    and coordinator are in the same position as their counterparts around X.
    """
    found = []
    for route, pattern in url_patterns():
        outcome = dict(rule_for(route).outcome)
        if not names_an_object(route, pattern):
            for other, counterpart in COUNTERPARTS.items():
                outcome[other] = outcome[counterpart]
        found.append((route, world.url(route, pattern), outcome))
    return found


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> World:
    """One world for the nine people, built inside a transaction rolled back at the end of
    the module; each test runs in a savepoint within it (as tests/curriculum/test_seed_demo.py)."""
    from django.test import TestCase

    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            built = build_world()
        yield built
        transaction.set_rollback(True)


# The nine people are checked in three modules (this one, test_access_matrix_trainers.py and
# test_access_matrix_coordinators.py), so that pytest-xdist, which hands out whole modules,
# can run them side by side; each module builds its own world.
ROLE_GROUPS = (ROLES[:3], ROLES[3:6], ROLES[6:])


@pytest.mark.parametrize("role", ROLE_GROUPS[0])
def test_each_person_reaches_only_what_they_may(world, role):
    check_role(world, role)


def test_the_three_modules_check_every_person():
    assert sorted(sum(ROLE_GROUPS, ())) == sorted(ROLES)


def check_role(world, role):
    """Request every URL as ``role``, GET and POST, and compare with the declared outcome."""
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(getattr(world, role))
    # Every request starts from the session made here. A request's changes to it (a sign-out,
    # a re-authentication, what the middleware records) are in the savepoint rolled back
    # after it; its cookies (the sign-out's empty session cookie, a language or message
    # cookie) are put back here. Signing in afresh for each of the ~900 requests did the same
    # and cost a fifth of the test's time.
    signed_in = SimpleCookie(client.cookies.output(header="", sep="\n"))
    wrong = []
    for route, url, expected in requests_for(world):
        for method in ("get", "post"):
            client.cookies = SimpleCookie(signed_in.output(header="", sep="\n"))
            with transaction.atomic():
                response = getattr(client, method)(url)
                got = outcome_of(response, url, client, method)
                transaction.set_rollback(True)
            want = expected[role]
            if got == want or (want == ANY and got != "error"):
                continue
            # A refusal where access was declared is only wrong for GET (a POST with no
            # body may be refused for its emptiness); a page that does not take the method
            # is the same for everyone.
            if want == ALLOW and (method == "post" or response.status_code == 405):
                continue
            if want == LOGIN and got == DENY and response.status_code == 405:
                continue
            status = response.status_code
            wrong.append(f"{role} {method.upper()} {url} [{route}]: {got} ({status}), want {want}")
    assert wrong == [], "\n".join(wrong)
