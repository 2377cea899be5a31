"""Offline classroom: export a cohort, open it on a node, bring results back and merge them.

Central platform: ``classroom_export`` (no write: codes are printed, never stored centrally),
``node_key_register`` / ``node_key_revoke``, ``results_preview`` and ``results_import``.
Node: ``classroom_open``, ``code_sign_in``, ``results_export``.
Every bundle is checked whole by ``bundle.read_bundle`` before anything is written.
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from assessments import services as assessment_services
from assessments import uploads
from assessments.models import Attempt, Marking, Question, QuizPage, Response, ResponseFile
from certificates import credentials
from certificates.credentials import multikey
from classroom import bundle as bundles
from classroom import content
from classroom.models import (
    Attendance,
    ClassroomCode,
    ImportedBundle,
    ImportedRecord,
    LocalNode,
    NodeKey,
)
from coordination.audit import audit_record
from coordination.models import AuditEvent
from courses.models import Cohort, CoursePage, Enrolment, LessonCompletion, LessonPage
from courses.services import course_completion_update
from lms import roles
from lms import services as lms_services

User = get_user_model()

CLASSROOM_VALID_DAYS = 60
RESULTS_VALID_DAYS = 120
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
CODE_LENGTH = 10
CONTENT_PATH = "data/content.json"
COHORT_PATH = "data/cohort.json"
RESULTS_PATH = "data/results.json"
MEDIA_PREFIX = "media/"
ATTACHMENTS_PREFIX = "attachments/"


class ClassroomError(ValidationError):
    """A classroom operation refused with a translated reason."""


# --- Platform identity and codes ---------------------------------------------------------------


def platform_id() -> str:
    return credentials.issuer_did()


def platform_public_key() -> str:
    return credentials.public_key_multibase(credentials.signing_key().public_key())


def code_new() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def code_hash(code: str) -> str:
    normal = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(f"classroom-code:{normal}".encode()).hexdigest()


# --- Export (central) --------------------------------------------------------------------------


@dataclass
class LearnerCode:
    user_id: int
    name: str
    email: str
    language: str
    code: str


@dataclass
class ClassroomExport:
    data: bytes
    bundle_id: str
    cohort: Cohort
    languages: list[str]
    expires: datetime
    codes: list[LearnerCode]
    platform_key: str

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def platform_fingerprint(self) -> str:
        return bundles.fingerprint(self.platform_key)


def languages_check(languages) -> list[str]:
    known = {code for code, _name in settings.LANGUAGES}
    chosen = sorted(set(languages))
    unknown = [code for code in chosen if code not in known]
    if not chosen or unknown:
        raise ClassroomError(
            _("Choose one or more of these languages: %(languages)s.")
            % {"languages": ", ".join(sorted(known))}
        )
    return chosen


@transaction.atomic
def classroom_export(
    *, cohort: Cohort, languages, valid_days: int = CLASSROOM_VALID_DAYS, now=None, actor=None
) -> ClassroomExport:
    """Build the classroom bundle of ``cohort`` in ``languages``; returns it with its codes.

    Writes only the audit log's entry: the codes exist only in the bundle (as hashes) and on
    the printed sheets.
    """
    languages = languages_check(languages)
    if not 1 <= valid_days <= 365:
        raise ClassroomError(_("A bundle stays valid between 1 and 365 days."))
    now = now or timezone.now()
    course = cohort.course.specific
    rows, media_names = content.course_rows(course=course, languages=languages)
    codes = []
    learners = []
    for user in content.cohort_learners(cohort):
        profile = getattr(user, "profile", None)
        language = getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE
        code = code_new()
        given = getattr(profile, "given_name", "")
        family = getattr(profile, "family_name", "")
        name = " ".join(part for part in (given, family) if part) or user.email
        codes.append(LearnerCode(user.id, name, user.email, language, code))
        learners.append(
            {
                "id": user.id,
                "username": user.username,
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "given_name": given,
                "family_name": family,
                "language": language,
                "code_sha256": code_hash(code),
            }
        )
    cohort_doc = {
        "cohort": {
            "id": cohort.id,
            "name": cohort.name,
            "course_id": cohort.course_id,
            "start_date": cohort.start_date.isoformat(),
            "end_date": cohort.end_date.isoformat() if cohort.end_date else None,
        },
        "learners": learners,
    }
    files = {
        CONTENT_PATH: content.rows_dump(rows),
        COHORT_PATH: content.rows_dump([cohort_doc]),
    }
    for name in media_names:
        try:
            files[MEDIA_PREFIX + name] = content.media_read(name)
        except FileNotFoundError:
            continue  # a file lost from storage: the page shows it missing, as centrally
    key = credentials.signing_key()
    expires = now + timedelta(days=valid_days)
    bundle_id = uuid.uuid4()
    data = bundles.build_bundle(
        files=files,
        bundle_id=bundle_id,
        kind=bundles.KIND_CLASSROOM,
        key=key,
        platform_id=platform_id(),
        base_url=settings.WAGTAILADMIN_BASE_URL,
        created=now,
        expires=expires,
        languages=languages,
        extra={"cohort_id": cohort.id},
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CLASSROOM_EXPORT,
        cohort=cohort,
        summary=_(
            "Classroom bundle %(bundle)s exported for %(cohort)s: %(learners)s learners, "
            "languages %(languages)s, valid until %(expires)s."
        )
        % {
            "bundle": bundle_id,
            "cohort": cohort.name,
            "learners": len(codes),
            "languages": ", ".join(languages),
            "expires": expires.date().isoformat(),
        },
    )
    return ClassroomExport(
        data=data,
        bundle_id=str(bundle_id),
        cohort=cohort,
        languages=languages,
        expires=expires,
        codes=codes,
        platform_key=credentials.public_key_multibase(key.public_key()),
    )


def private_file_store(*, name: str, data: bytes) -> str:
    """Keep an exported bundle or an uploaded results file in the private storage."""
    storage = storages["private"]
    if storage.exists(name):
        return name
    return storage.save(name, ContentFile(data))


def private_file_delete(*, name: str) -> None:
    storages["private"].delete(name)


# --- Open (node) -------------------------------------------------------------------------------


@dataclass
class NodeTrainer:
    """The node's trainer account, as printed once by ``classroom open``."""

    user: object
    email: str
    password: str
    totp_secret: str
    totp_uri: str
    recovery_codes: list[str]


@dataclass
class OpenResult:
    node: LocalNode
    trainer: NodeTrainer
    learners: int
    pages: int

    @property
    def fingerprint(self) -> str:
        return bundles.fingerprint(self.node.public_key)


def _platform_key_check(platform_key: str):
    try:
        public_key = credentials.public_key_from_multibase(platform_key.strip())
    except (ValueError, TypeError) as error:
        raise ClassroomError(
            _("The platform key is not an Ed25519 public key (it starts with “z6Mk”).")
        ) from error
    return public_key


def classroom_read(*, data: bytes, platform_key: str, now=None) -> bundles.Bundle:
    """Check a classroom bundle against the platform key the coordinator gave."""
    public_key = _platform_key_check(platform_key)
    key_text = credentials.public_key_multibase(public_key)
    return bundles.read_bundle(
        data,
        kind=bundles.KIND_CLASSROOM,
        platform_id=credentials.did_key_from_public_key(public_key),
        trusted_signer=lambda signer: signer == key_text,
        already_imported=lambda bundle_id: ImportedBundle.objects.filter(
            bundle_id=bundle_id
        ).exists(),
        now=now,
    )


def _locales_check(objects) -> None:
    for item in objects:
        if not isinstance(item.object, Locale):
            continue
        here = Locale.objects.filter(language_code=item.object.language_code).first()
        if here is not None and here.pk != item.object.pk:
            raise ClassroomError(
                _("This installation numbers its languages differently; use a fresh install.")
            )


def _sequences_reset(models) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@transaction.atomic
def node_trainer_create(*, course: CoursePage) -> NodeTrainer:
    """The node's trainer: the course's trainer, with an authenticator set up already.

    A trainer is staff, and staff sign in to the admin with a TOTP code. TOTP needs no
    network (the phone and the laptop each compute the code from the time), so the node keeps
    the rule: its secret is made here and printed once, for the trainer to scan before the
    room, with recovery codes for a lost phone. The trainer marks the written answers of the
    course (``courses.services.course_trainers_sync`` grants the course's pages).
    """
    from allauth.mfa.adapter import get_adapter as mfa_adapter
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    from courses.services import course_trainers_sync

    password = secrets.token_urlsafe(12)
    email = f"trainer-{secrets.token_hex(3)}@classroom.invalid"
    user = lms_services.user_create(email=email, password=password, email_verified=True)
    lms_services.role_grant(user=user, role=roles.TRAINER)
    CoursePage.trainers.through.objects.create(coursepage_id=course.pk, user_id=user.pk)
    course_trainers_sync(course=course)
    secret = generate_totp_secret()
    lms_services.totp_activate(user=user, secret=secret)
    recovery = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return NodeTrainer(
        user=user,
        email=email,
        password=password,
        totp_secret=secret,
        totp_uri=mfa_adapter().build_totp_url(user, secret),
        recovery_codes=RecoveryCodes(recovery).get_unused_codes(),
    )


@transaction.atomic
def classroom_open(*, data: bytes, platform_key: str, now=None) -> OpenResult:
    """Turn a fresh install into the classroom node of the bundle's cohort."""
    now = now or timezone.now()
    checked = classroom_read(data=data, platform_key=platform_key, now=now)
    if LocalNode.objects.exists() or CoursePage.objects.exists():
        raise ClassroomError(
            _("This installation already holds courses; open a classroom bundle on a fresh one.")
        )
    objects = content.rows_load(checked.read(CONTENT_PATH))
    cohort_doc = checked.read_json(COHORT_PATH)[0]
    _locales_check(objects)

    Site.objects.all().delete()
    Page.objects.filter(depth__gt=1).delete()
    saved_models = set()
    for item in objects:
        item.save()
        saved_models.add(type(item.object))
    for item in objects:
        if item.deferred_fields:
            item.save_deferred_fields()
    root = Page.get_first_root_node()
    Page.objects.filter(pk=root.pk).update(numchild=root.get_children().count())
    for path in checked.paths:
        if path.startswith(MEDIA_PREFIX):
            name = path.removeprefix(MEDIA_PREFIX)
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(checked.read(path)))

    course = CoursePage.objects.get(pk=cohort_doc["cohort"]["course_id"])
    home = course.get_ancestors().filter(depth=2).first()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=""
    )
    info = cohort_doc["cohort"]
    cohort = Cohort(
        id=info["id"],
        course=course,
        name=info["name"],
        start_date=date.fromisoformat(info["start_date"]),
        end_date=date.fromisoformat(info["end_date"]) if info["end_date"] else None,
    )
    cohort.save()
    for learner in cohort_doc["learners"]:
        user = User(
            id=learner["id"],
            username=learner["username"],
            email=learner["email"],
            first_name=learner["first_name"],
            last_name=learner["last_name"],
        )
        user.set_unusable_password()
        user.save()
        lms_services.profile_update(
            user=user,
            given_name=learner["given_name"],
            family_name=learner["family_name"],
            preferred_language=learner["language"],
        )
        lms_services.role_grant(user=user, role=roles.LEARNER)
        Enrolment.objects.create(learner=user, course=course, cohort=cohort)
        ClassroomCode.objects.create(user=user, code_hash=learner["code_sha256"])
    _sequences_reset([User, Cohort, *saved_models])

    trainer = node_trainer_create(course=course)

    node_key = Ed25519PrivateKey.generate()
    node = LocalNode.objects.create(
        classroom_bundle_id=checked.bundle_id,
        cohort=cohort,
        platform_id=checked.manifest["platform"]["id"],
        platform_base_url=checked.manifest["platform"]["base_url"],
        expires_at=datetime.fromisoformat(checked.manifest["expires"].replace("Z", "+00:00")),
        private_key=credentials.multibase_encode(
            multikey.ED25519_PRIV_PREFIX + node_key.private_bytes_raw()
        ),
        public_key=credentials.public_key_multibase(node_key.public_key()),
    )
    ImportedBundle.objects.create(
        bundle_id=checked.bundle_id, kind=ImportedBundle.Kind.CLASSROOM, signer=checked.signer
    )
    return OpenResult(
        node=node,
        trainer=trainer,
        learners=len(cohort_doc["learners"]),
        pages=Page.objects.filter(depth__gt=1).count(),
    )


@transaction.atomic
def code_sign_in(*, code: str, today: date | None = None):
    """The learner whose classroom code this is, with today's attendance recorded; else None."""
    if not code or len(code) > 40:
        return None
    entry = (
        ClassroomCode.objects.select_related("user")
        .filter(code_hash=code_hash(code), user__is_active=True)
        .first()
    )
    node = LocalNode.objects.first()
    if entry is None or node is None or node.expires_at <= timezone.now():
        return None
    if entry.first_used_at is None:
        entry.first_used_at = timezone.now()
        entry.save(update_fields=["first_used_at"])
    Attendance.objects.get_or_create(
        learner=entry.user, cohort=node.cohort, day=today or timezone.localdate()
    )
    return entry.user


# --- Results (node) ----------------------------------------------------------------------------


def _node_markings(node: LocalNode, attempts) -> dict[int, list[dict]]:
    """Every marking made on the node, oldest first, per response (each with a stable id)."""
    markings: dict[int, list[dict]] = {}
    for marking in Marking.objects.filter(response__attempt__in=attempts).order_by(
        "marked_at", "pk"
    ):
        markings.setdefault(marking.response_id, []).append(
            {
                "id": f"{node.public_key}:marking:{marking.pk}",
                "marked_at": _iso(marking.marked_at),
                "levels": marking.levels,
                "feedback": marking.feedback,
                "comment": marking.comment,
                "score": str(marking.score),
            }
        )
    return markings


def _iso(moment):
    return moment.isoformat() if moment else None


def results_export(*, now=None) -> bytes:
    """The node's results bundle, signed with the node's key."""
    node = LocalNode.objects.select_related("cohort").first()
    if node is None:
        raise ClassroomError(_("This installation is not a classroom node."))
    now = now or timezone.now()
    learner_ids = list(ClassroomCode.objects.values_list("user_id", flat=True))
    completions = [
        {"learner": learner, "lesson": lesson, "completed_at": _iso(moment)}
        for learner, lesson, moment in LessonCompletion.objects.filter(
            learner_id__in=learner_ids
        ).values_list("learner_id", "lesson_id", "completed_at")
    ]
    attempts = []
    submitted = Attempt.objects.filter(learner_id__in=learner_ids, submitted_at__isnull=False)
    markings = _node_markings(node, submitted)
    attached = {
        upload.response_id: upload
        for upload in ResponseFile.objects.filter(response__attempt__in=submitted)
    }
    files: dict[str, bytes] = {}
    responses: dict[int, list] = {}
    for response in Response.objects.filter(attempt__in=submitted).order_by("position"):
        upload = attached.get(response.pk)
        file = None
        if upload is not None:
            path = f"{ATTACHMENTS_PREFIX}{response.pk}.{upload.kind}"
            with upload.file.open("rb") as handle:
                files[path] = handle.read()
            file = {"path": path, "name": upload.name}
        responses.setdefault(response.attempt_id, []).append(
            {
                "question": response.question_id,
                "position": response.position,
                "answer": response.answer,
                "score": str(response.score) if response.score is not None else None,
                "markings": markings.get(response.pk, []),
                "file": file,
            }
        )
    for attempt in submitted.order_by("id"):
        attempts.append(
            {
                "id": f"{node.public_key}:attempt:{attempt.id}",
                "learner": attempt.learner_id,
                "quiz": attempt.quiz_id,
                "state": attempt.state,
                "seed": attempt.seed,
                "layout": attempt.layout,
                "started_at": _iso(attempt.started_at),
                "submitted_at": _iso(attempt.submitted_at),
                "score": str(attempt.score) if attempt.score is not None else None,
                "passed": attempt.passed,
                "language": attempt.language,
                "responses": responses.get(attempt.id, []),
            }
        )
    attendance = [
        {"learner": learner, "day": day.isoformat()}
        for learner, day in Attendance.objects.filter(cohort=node.cohort).values_list(
            "learner_id", "day"
        )
    ]
    results = {
        "cohort": node.cohort_id,
        "classroom_bundle_id": str(node.classroom_bundle_id),
        "learners": learner_ids,
        "completions": completions,
        "attempts": attempts,
        "attendance": attendance,
    }
    return bundles.build_bundle(
        files={RESULTS_PATH: content.rows_dump([results]), **files},
        kind=bundles.KIND_RESULTS,
        key=credentials.private_key_from_multibase(node.private_key),
        platform_id=node.platform_id,
        base_url=node.platform_base_url,
        created=now,
        expires=now + timedelta(days=RESULTS_VALID_DAYS),
        languages=[],
        extra={"cohort_id": node.cohort_id},
    )


# --- Node keys and results import (central) ----------------------------------------------------


def _fingerprint_normal(text: str) -> str:
    raw = "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")
    if len(raw) != 32:
        raise ClassroomError(
            _("A node fingerprint is 32 hexadecimal digits, as printed by the node.")
        )
    return "-".join(raw[i : i + 4] for i in range(0, 32, 4))


@transaction.atomic
def node_key_register(*, cohort: Cohort, fingerprint: str, label: str = "", actor=None):
    normal = _fingerprint_normal(fingerprint)
    existing = NodeKey.objects.filter(fingerprint=normal).first()
    if existing is not None:
        if existing.cohort_id != cohort.id:
            raise ClassroomError(_("This node is already registered for another cohort."))
        return existing
    node_key = NodeKey.objects.create(
        cohort=cohort, fingerprint=normal, label=label[:120], registered_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.NODE_REGISTER,
        cohort=cohort,
        summary=_("Classroom node %(fingerprint)s registered for %(cohort)s.")
        % {"fingerprint": normal, "cohort": cohort.name},
    )
    return node_key


@transaction.atomic
def node_key_revoke(*, node_key: NodeKey, actor=None) -> NodeKey:
    if node_key.revoked_at is None:
        node_key.revoked_at = timezone.now()
        node_key.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.NODE_REVOKE,
            cohort=node_key.cohort,
            summary=_("Classroom node %(fingerprint)s revoked: its results are refused.")
            % {"fingerprint": node_key.fingerprint},
        )
    return node_key


@dataclass
class ResultsReport:
    bundle_id: str
    cohort: Cohort
    node: NodeKey
    learners: int = 0
    attempts_new: int = 0
    attempts_known: int = 0
    completions_new: int = 0
    attendance_new: int = 0
    markings_new: int = 0
    files_new: int = 0
    conflicts: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "learners": self.learners,
            "attempts_new": self.attempts_new,
            "attempts_known": self.attempts_known,
            "completions_new": self.completions_new,
            "attendance_new": self.attendance_new,
            "markings_new": self.markings_new,
            "files_new": self.files_new,
            "conflicts": self.conflicts,
        }


def _results_read(data: bytes, now=None):
    def trusted(signer: str) -> bool:
        return NodeKey.objects.filter(
            fingerprint=bundles.fingerprint(signer), revoked_at__isnull=True
        ).exists()

    checked = bundles.read_bundle(
        data,
        kind=bundles.KIND_RESULTS,
        platform_id=platform_id(),
        trusted_signer=trusted,
        already_imported=lambda bundle_id: ImportedBundle.objects.filter(
            bundle_id=bundle_id
        ).exists(),
        now=now,
    )
    node = NodeKey.objects.select_related("cohort").get(
        fingerprint=bundles.fingerprint(checked.signer)
    )
    try:
        results = checked.read_json(RESULTS_PATH)[0]
        cohort_id = int(results["cohort"])
        for key in ("learners", "completions", "attempts", "attendance"):
            if not isinstance(results[key], list):
                raise TypeError(key)
        _results_shape_check(results)
        listed = set(checked.paths)
        for item in results["attempts"]:
            for response in item["responses"]:
                if response.get("file") and response["file"]["path"] not in listed:
                    raise ValueError("attachment not in the bundle")
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
        raise ClassroomError(_("The results in the bundle cannot be read.")) from error
    if cohort_id != node.cohort_id or checked.manifest.get("cohort_id") != cohort_id:
        raise ClassroomError(_("This node was registered for another cohort."))
    return checked, node, results


def _results_shape_check(results: dict) -> None:
    """Raise TypeError/ValueError/KeyError unless every record has the fields merging reads."""
    for learner in results["learners"]:
        int(learner)
    for item in results["completions"]:
        int(item["learner"]), int(item["lesson"])
        if item["completed_at"]:
            datetime.fromisoformat(item["completed_at"])
    for item in results["attempts"]:
        if not isinstance(item["id"], str) or len(item["id"]) > 160:
            raise ValueError("attempt id")
        int(item["learner"]), int(item["quiz"])
        if item["state"] not in Attempt.State.values:
            raise ValueError("attempt state")
        datetime.fromisoformat(item["started_at"])
        datetime.fromisoformat(item["submitted_at"])
        for name in ("score",):
            if item[name] is not None:
                float(item[name])
        str(item["seed"])[:32], str(item["language"])[:8], bool(item["passed"])
        for response in item["responses"]:
            int(response["question"]), int(response["position"])
            if response["score"] is not None:
                float(response["score"])
            _node_response_shape_check(response)
    for item in results["attendance"]:
        int(item["learner"])
        date.fromisoformat(item["day"])


def _node_response_shape_check(response: dict) -> None:
    """Markings and the attached file of a response: absent in bundles of nodes before them."""
    for marking in response.get("markings", []):
        if not isinstance(marking["id"], str) or len(marking["id"]) > 160:
            raise ValueError("marking id")
        datetime.fromisoformat(marking["marked_at"])
        if not 0 <= float(marking["score"]) <= 1:
            raise ValueError("marking score")
        if not isinstance(marking["levels"].get("chosen", {}), dict):
            raise TypeError("marking levels")
        if not isinstance(marking["feedback"].get("criteria", {}), dict):
            raise TypeError("marking feedback")
        str(marking["comment"])
    file = response.get("file")
    if file is not None:
        if not str(file["path"]).startswith(ATTACHMENTS_PREFIX):
            raise ValueError("attachment path")
        str(file["name"])


def _merge(checked, node, results, *, write: bool, actor=None) -> ResultsReport:
    report = ResultsReport(bundle_id=str(checked.bundle_id), cohort=node.cohort, node=node)
    members = set(
        Enrolment.objects.filter(cohort=node.cohort)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values_list("learner_id", flat=True)
    )
    report.learners = len(set(results["learners"]) & members)
    for learner in sorted(set(results["learners"]) - members):
        report.conflicts.append(
            _("Learner %(id)s is not (or no longer) in the cohort: skipped.") % {"id": learner}
        )
    quiz_ids = set(QuizPage.objects.values_list("id", flat=True))
    question_ids = set(Question.objects.values_list("id", flat=True))
    lesson_ids = set(LessonPage.objects.values_list("id", flat=True))
    known_sources = set(
        ImportedRecord.objects.filter(
            source_id__in=[attempt["id"] for attempt in results["attempts"]]
        ).values_list("source_id", flat=True)
    )
    imported = None
    if write:
        imported = ImportedBundle.objects.create(
            bundle_id=checked.bundle_id,
            kind=ImportedBundle.Kind.RESULTS,
            signer=checked.signer,
            imported_by=actor,
        )
        if not node.public_key:
            node.public_key = checked.signer
            node.save(update_fields=["public_key"])
    touched: set[int] = set()
    existing_completions = set(
        LessonCompletion.objects.filter(learner_id__in=members).values_list(
            "learner_id", "lesson_id"
        )
    )
    for item in results["completions"]:
        pair = (item["learner"], item["lesson"])
        if item["learner"] not in members or pair in existing_completions:
            continue
        if item["lesson"] not in lesson_ids:
            report.conflicts.append(
                _("Lesson %(id)s is not on this platform: completion skipped.")
                % {"id": item["lesson"]}
            )
            continue
        report.completions_new += 1
        existing_completions.add(pair)
        touched.add(item["learner"])
        if write:
            completion = LessonCompletion.objects.create(
                learner_id=item["learner"], lesson_id=item["lesson"]
            )
            if item["completed_at"]:
                LessonCompletion.objects.filter(pk=completion.pk).update(
                    completed_at=datetime.fromisoformat(item["completed_at"])
                )
    marking_ids = [
        marking["id"]
        for item in results["attempts"]
        for response in item["responses"]
        for marking in response.get("markings", [])
    ]
    known_markings = set(
        ImportedRecord.objects.filter(source_id__in=marking_ids).values_list(
            "source_id", flat=True
        )
    )
    remarked: list[dict] = []
    for item in results["attempts"]:
        if item["learner"] not in members:
            continue
        if item["id"] in known_sources:
            report.attempts_known += 1
            remarked.append(item)
            continue
        if item["quiz"] not in quiz_ids:
            report.conflicts.append(
                _("Quiz %(id)s is not on this platform: attempt skipped.") % {"id": item["quiz"]}
            )
            continue
        if any(response["question"] not in question_ids for response in item["responses"]):
            report.conflicts.append(
                _("A question of quiz %(id)s is not on this platform: attempt skipped.")
                % {"id": item["quiz"]}
            )
            continue
        report.attempts_new += 1
        touched.add(item["learner"])
        for response in item["responses"]:
            report.markings_new += len(response.get("markings", []))
            if response.get("file") is None:
                continue
            name, _data, kind = _attachment_read(checked, response["file"])
            if kind is None:
                report.conflicts.append(
                    _(
                        "The file “%(name)s” attached on the node is not an accepted "
                        "document: skipped."
                    )
                    % {"name": name}
                )
            else:
                report.files_new += 1
        if write:
            _attempt_add(item, imported, checked)
    _markings_merge(remarked, known_markings, report, write=write, imported=imported)
    # The preview reads the days already here once, rather than once per day in the bundle.
    present = set(Attendance.objects.filter(cohort=node.cohort).values_list("learner_id", "day"))
    for item in results["attendance"]:
        if item["learner"] not in members:
            continue
        day = (item["learner"], date.fromisoformat(item["day"]))
        if day in present:
            continue
        present.add(day)
        report.attendance_new += 1
        if write:
            Attendance.objects.get_or_create(
                learner_id=item["learner"], cohort=node.cohort, day=day[1]
            )
    if write:
        for enrolment in Enrolment.objects.filter(
            cohort=node.cohort, learner_id__in=touched
        ).exclude(status=Enrolment.Status.WITHDRAWN):
            course_completion_update(enrolment=enrolment)
        imported.report = report.as_dict()
        imported.save(update_fields=["report"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CLASSROOM_IMPORT,
            cohort=node.cohort,
            summary=_(
                "Classroom results %(bundle)s imported from node %(fingerprint)s: %(learners)s "
                "learners, %(attempts)s new attempts, %(completions)s new lesson completions, "
                "%(attendance)s new attendance days, %(conflicts)s conflicts."
            )
            % {
                "bundle": report.bundle_id,
                "fingerprint": node.fingerprint,
                "learners": report.learners,
                "attempts": report.attempts_new,
                "completions": report.completions_new,
                "attendance": report.attendance_new,
                "conflicts": len(report.conflicts),
            },
        )
    return report


def _attempt_add(item: dict, imported: ImportedBundle, checked) -> Attempt:
    """Add a node's attempt after the learner's others; an online attempt is never touched."""
    last = (
        Attempt.objects.filter(learner_id=item["learner"], quiz_id=item["quiz"])
        .aggregate(last=Max("number"))
        .get("last")
    )
    attempt = Attempt.objects.create(
        quiz_id=item["quiz"],
        learner_id=item["learner"],
        number=(last or 0) + 1,
        state=item["state"],
        seed=item["seed"],
        layout=item["layout"],
        started_at=datetime.fromisoformat(item["started_at"]),
        submitted_at=datetime.fromisoformat(item["submitted_at"]),
        score=item["score"],
        passed=item["passed"],
        language=item["language"],
    )
    Response.objects.bulk_create(
        Response(
            attempt=attempt,
            question_id=response["question"],
            position=response["position"],
            answer=response["answer"],
            score=response["score"],
        )
        for response in item["responses"]
    )
    ImportedRecord.objects.create(source_id=item["id"], attempt=attempt, bundle=imported)
    by_position = {response.position: response for response in attempt.responses.all()}
    for node_response in item["responses"]:
        response = by_position[node_response["position"]]
        markings = node_response.get("markings", [])
        Marking.objects.bulk_create(
            Marking(
                response=response,
                marker=None,
                marked_at=datetime.fromisoformat(marking["marked_at"]),
                levels=marking["levels"],
                feedback=marking["feedback"],
                comment=marking["comment"],
                score=marking["score"],
            )
            for marking in markings
        )
        ImportedRecord.objects.bulk_create(
            ImportedRecord(source_id=marking["id"], attempt=attempt, bundle=imported)
            for marking in markings
        )
        if node_response.get("file"):
            _attachment_add(response, node_response["file"], checked)
    return attempt


def _attachment_read(checked, file: dict) -> tuple[str, bytes, str | None]:
    """A file a learner attached on the node: its name, bytes and kind, checked by its bytes
    as an upload is (kind None: not an accepted document)."""
    data = checked.read(file["path"])
    name = str(file["name"]).rsplit("/", 1)[-1][-200:]
    return name, data, uploads.file_kind(name, data)


def _attachment_add(response: Response, file: dict, checked) -> None:
    name, data, kind = _attachment_read(checked, file)
    if kind is None:
        return  # reported as a conflict when counted
    stored = ResponseFile(response=response, name=name, kind=kind, size=len(data))
    stored.file.save(f"{secrets.token_hex(16)}.{kind}", ContentFile(data), save=False)
    stored.save()


def _markings_merge(items: list[dict], known: set[str], report, *, write: bool, imported):
    """Markings made on the node after its attempts came here: each applied as a remarking,
    unless someone marked the answer here later (then the later one stays: a conflict).

    Three queries whatever the number of attempts; applying a marking (``write``) goes through
    the marking service, one answer at a time, as on the marking screen.
    """
    fresh = [
        (item["id"], node_response["position"], marking)
        for item in items
        for node_response in item["responses"]
        for marking in node_response.get("markings", [])
        if marking["id"] not in known
    ]
    if not fresh:
        return
    attempts = dict(
        ImportedRecord.objects.filter(
            source_id__in={source for source, _position, _marking in fresh}
        ).values_list("source_id", "attempt_id")
    )
    responses = {
        (response.attempt_id, response.position): response
        for response in Response.objects.filter(
            attempt_id__in=set(attempts.values())
        ).select_related("question")
    }
    latest = dict(
        Marking.objects.filter(response__attempt_id__in=set(attempts.values()))
        .values("response_id")
        .annotate(last=Max("marked_at"))
        .order_by()
        .values_list("response_id", "last")
    )
    for source, position, marking in sorted(fresh, key=lambda entry: entry[2]["marked_at"]):
        response = responses.get((attempts.get(source), position))
        marked_at = datetime.fromisoformat(marking["marked_at"])
        later_here = response is not None and latest.get(response.pk)
        if response is None or (later_here and later_here > marked_at):
            report.conflicts.append(
                _(
                    "A marking made on the node (%(when)s) is older than the marking made here "
                    "since: the marking here is kept."
                )
                % {"when": marked_at.strftime("%Y-%m-%d %H:%M")}
            )
            continue
        report.markings_new += 1
        if not write:
            continue
        try:
            assessment_services.response_mark(
                response=response,
                marker=None,
                chosen=marking["levels"].get("chosen", {}),
                feedback=marking["feedback"].get("criteria", {}),
                comment=marking["comment"],
                now=marked_at,
            )
        except assessment_services.MarkingRefused as refusal:
            report.markings_new -= 1
            report.conflicts.append(
                _("A marking made on the node was not applied: %(reason)s")
                % {"reason": " ".join(refusal.messages)}
            )
            continue
        latest[response.pk] = marked_at
        ImportedRecord.objects.create(
            source_id=marking["id"], attempt_id=response.attempt_id, bundle=imported
        )


@transaction.atomic
def bundle_refusal_record(*, error: ValidationError, actor=None) -> None:
    """Keep a refused results bundle in the audit log, with the reason given to the person.

    Its own transaction: the refused import rolls back, the record of the refusal stays.
    The cohort is not named: a refused bundle's manifest is not to be believed.
    """
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CLASSROOM_REFUSE,
        summary=_("A classroom results bundle was refused: %(reason)s")
        % {"reason": " ".join(error.messages)},
    )


def _results_read_recorded(data: bytes, now, actor):
    try:
        return _results_read(data, now)
    except ValidationError as error:
        bundle_refusal_record(error=error, actor=actor)
        raise


def results_preview(*, data: bytes, now=None, actor=None) -> ResultsReport:
    """Check the whole results bundle and say what importing it would do.

    Writes nothing but, for a refused bundle, the audit log's record of the refusal.
    """
    checked, node, results = _results_read_recorded(data, now, actor)
    return _merge(checked, node, results, write=False)


def results_import(*, data: bytes, actor=None, now=None) -> ResultsReport:
    """Check the whole results bundle, then merge it; the same bundle is refused the second time.

    Attempts are added after the learner's own (never overwritten), lesson completions are a
    union, attendance days too; the quiz's grading method then decides the grade, and a learner
    who completes the course gets a certificate as online learners do. A refused bundle
    changes nothing but the audit log, which records the refusal.
    """
    try:
        return _results_import(data=data, actor=actor, now=now)
    except ValidationError as error:
        bundle_refusal_record(error=error, actor=actor)
        raise


@transaction.atomic
def _results_import(*, data: bytes, actor, now) -> ResultsReport:
    checked, node, results = _results_read(data, now)
    return _merge(checked, node, results, write=True, actor=actor)
