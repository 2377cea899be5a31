"""Public verification of a certificate, and the learner's own certificate details."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from certificates import credentials, kept, services, verification
from certificates.models import Certificate
from lms import ratelimit
from lms.forms import validate_printed_name
from lms.services import user_has_staff_role

VERIFY_LIMIT_PER_MINUTE = 60


VERIFY_RATE_LIMIT = ("verify", VERIFY_LIMIT_PER_MINUTE)


def _rate_limited(view):
    """Public verification is rate-limited per client, so codes cannot be enumerated."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        action, limit = VERIFY_RATE_LIMIT
        if not ratelimit.allow(request, action=action, limit=limit):
            return HttpResponse(
                _("Too many verification requests. Please wait a minute and try again."),
                status=429,
                content_type="text/plain; charset=utf-8",
            )
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def _may_read_revocation_reason(request, certificate) -> bool:
    """Only the holder and staff read why a certificate was revoked.

    The public page names the holder; a reason such as "academic misconduct" next to a
    justice officer's name is a finding about that person, not something a verifier needs.
    The date of revocation is enough to refuse the certificate.
    """
    user = request.user
    if not user.is_authenticated:
        return False
    return certificate.learner_id == user.pk or user_has_staff_role(user)


@_rate_limited
def verify_form(request):
    """Type a code from paper, or upload a credential file to check it.

    A file too large or nested too deeply to be a credential is refused (400) before it is
    parsed: the JSON parser and the JSON-LD processor both recurse, and a hostile file would
    otherwise exhaust the stack.
    """
    code = request.GET.get("code", "").strip()
    if code:
        certificate = verification.certificate_for_verification(code)
        if certificate is not None:
            return HttpResponseRedirect(certificate.get_absolute_url())
    check = upload_error = None
    if request.method == "POST":
        upload = request.FILES.get("credential")
        try:
            if upload is None:
                raise credentials.DocumentTooLarge
            document = credentials.parse_document(upload.read(credentials.MAX_DOCUMENT_BYTES + 1))
        except credentials.DocumentTooLarge:
            upload_error = _("Choose a credential file (JSON, at most 256 KB).")
        except credentials.DocumentTooDeep:
            upload_error = _(
                "This file is nested too deeply to be a credential (at most %(depth)d levels)."
            ) % {"depth": credentials.MAX_DOCUMENT_DEPTH}
        except ValueError:
            check = verification.CredentialCheck("invalid")
        else:
            check = verification.credential_check(document)
    return render(
        request,
        "certificates/verify_form.html",
        {
            "code": code,
            "not_found": bool(code),
            "check": check,
            "upload_error": upload_error,
        },
        status=400 if upload_error else 200,
    )


@_rate_limited
@cache_control(no_cache=True)  # a revocation must show at once, even through proxies
def verify(request, code: str):
    """Anyone, without an account, checks a certificate: valid, or revoked and when (why, for
    the holder and staff). One query for a visitor."""
    certificate = verification.certificate_for_verification(code)
    if certificate is None:
        raise Http404
    kept.keep(request, certificate=certificate, rate_limit=VERIFY_RATE_LIMIT)
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "signature_valid": verification.credential_is_authentic(certificate),
            "show_reason": _may_read_revocation_reason(request, certificate),
        },
    )


@_rate_limited
@cache_control(no_cache=True)
def verify_json(request, code: str):
    certificate = verification.certificate_for_verification(code)
    if certificate is None:
        return JsonResponse({"error": "not found"}, status=404)
    kept.keep(request, certificate=certificate, rate_limit=VERIFY_RATE_LIMIT)
    return JsonResponse(
        {
            "code": certificate.code,
            "status": certificate.status,
            "valid_until": certificate.expires_at.date().isoformat()
            if certificate.expires_at
            else None,
            "name": certificate.name_as_printed,
            "course": certificate.course_title,
            "hours": certificate.hours,
            "issued": certificate.issued_at.date().isoformat(),
            "revoked": certificate.revoked_at.date().isoformat()
            if certificate.revoked_at
            else None,
            "revocation_reason": (certificate.revocation_reason or None)
            if _may_read_revocation_reason(request, certificate)
            else None,
            "replaced_by": certificate.replaced_by.code if certificate.replaced_by_id else None,
            "language": certificate.language,
        }
    )


@_rate_limited
@cache_control(max_age=300, public=True)
def credential(request, code: str):
    """The signed Open Badges 3.0 credential, for verifiers and digital wallets."""
    certificate = verification.certificate_for_verification(code)
    if certificate is None or not certificate.credential:
        raise Http404
    kept.keep(request, certificate=certificate, rate_limit=VERIFY_RATE_LIMIT)
    return JsonResponse(
        certificate.credential,
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False},
    )


@cache_control(max_age=3600, public=True)
def issuer(request):
    """The issuer profile with its current and retired public keys."""
    return JsonResponse(verification.issuer_profile())


@_rate_limited
@cache_control(max_age=60, public=True)
def status_list(request):
    """The signed Bitstring Status List that verifiers read to learn of revocations."""
    kept.keep(request, rate_limit=VERIFY_RATE_LIMIT)
    return JsonResponse(verification.status_list_signed(), content_type="application/vc+ld+json")


@require_POST
@login_required
def correct(request, code: str):
    """The learner corrects the printed name or the language: a new certificate replaces it."""
    certificate = get_object_or_404(
        Certificate, code=code, learner=request.user, revoked_at__isnull=True
    )
    name = request.POST.get("name_as_printed", "").strip()
    language = request.POST.get("language", certificate.language)
    valid_languages = dict(Certificate._meta.get_field("language").choices)
    if not name or len(name) > 200 or language not in valid_languages:
        messages.error(request, _("Give the name to print (up to 200 characters) and a language."))
        return HttpResponseRedirect(reverse("courses:dashboard"))
    try:
        validate_printed_name(name)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return HttpResponseRedirect(reverse("courses:dashboard"))
    if name != certificate.name_as_printed or language != certificate.language:
        certificate = services.certificate_reissue(
            certificate=certificate, name_as_printed=name, language=language, by=request.user
        )
        messages.success(request, _("Your certificate has been issued again with these details."))
    return HttpResponseRedirect(reverse("courses:dashboard"))


@login_required
def download(request, code: str):
    """The learner's own certificate as PDF, rendered on first request and stored.

    A revoked certificate is not handed out again: a PDF downloaded now would still look valid
    on paper. The dashboard says when and why it was revoked.
    """
    certificate = get_object_or_404(
        Certificate, code=code, learner=request.user, revoked_at__isnull=True
    )
    try:
        certificate = services.certificate_pdf_ensure(certificate=certificate)
    except OSError:
        # WeasyPrint needs the Pango library; without it, say so rather than fail.
        messages.error(
            request,
            _(
                "The PDF cannot be produced on this server right now. Your certificate is "
                "valid: share its verification link instead, and try again later."
            ),
        )
        return HttpResponseRedirect(reverse("courses:dashboard"))
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificate-{certificate.code}.pdf",
        content_type="application/pdf",
    )
