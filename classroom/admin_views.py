"""Coordinators' classroom screens: export a cohort, register its nodes, import results.

Cohorts come through coordination.scope (someone else's cohort is a 404), and a results bundle
is imported only when its cohort is in the coordinator's scope.
"""

import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from classroom import services
from classroom.forms import ExportForm, NodeRegisterForm, ResultsUploadForm
from classroom.models import NodeKey
from coordination import scope
from coordination.admin_views import cohort_parents
from lms import roles
from lms.admin_pages import admin_header
from lms.forms import status_for

MAX_UPLOAD_BYTES = 512 * 1024 * 1024


def _require_coordinator(request) -> None:
    if not roles.is_coordinator(request.user):  # programme managers included
        raise PermissionDenied


def _cohort(request, cohort_id: int):
    _require_coordinator(request)
    return get_object_or_404(
        scope.cohorts_for(request.user).select_related("course"), pk=cohort_id
    )


def _storage():
    return storages["private"]


def _bundle_name(cohort_id: int, bundle_id: str) -> str:
    return f"classroom/{cohort_id}/{bundle_id}.zip"


def cohort_classroom(request, cohort_id: int):
    """Export the cohort's classroom bundle (then print the code sheets), and its node keys."""
    cohort = _cohort(request, cohort_id)
    export_form = ExportForm(
        request.POST if request.POST.get("action") == "export" else None,
        initial={"languages": [cohort.course.locale.language_code]},
    )
    node_form = NodeRegisterForm(request.POST if request.POST.get("action") == "node" else None)
    if request.method == "POST":
        try:
            if export_form.is_bound and export_form.is_valid():
                export = services.classroom_export(
                    cohort=cohort,
                    languages=export_form.cleaned_data["languages"],
                    valid_days=export_form.cleaned_data["days"],
                    actor=request.user,
                )
                services.private_file_store(
                    name=_bundle_name(cohort.pk, export.bundle_id), data=export.data
                )
                return render(
                    request,
                    "classroom/code_sheets.html",
                    {
                        "export": export,
                        "download": f"?bundle={export.bundle_id}",
                    },
                )
            if node_form.is_bound and node_form.is_valid():
                services.node_key_register(
                    cohort=cohort,
                    fingerprint=node_form.cleaned_data["fingerprint"],
                    label=node_form.cleaned_data["label"],
                    actor=request.user,
                )
                messages.success(request, _("The node may now send this cohort's results."))
                return redirect("classroom_cohort", cohort.pk)
            if request.POST.get("action") == "revoke":
                node = get_object_or_404(NodeKey, cohort=cohort, pk=request.POST.get("node") or 0)
                services.node_key_revoke(node_key=node, actor=request.user)
                messages.success(request, _("The node was revoked: its results are refused."))
                return redirect("classroom_cohort", cohort.pk)
        except ValidationError as error:
            target = node_form if node_form.is_bound else export_form
            target.add_error(None, " ".join(error.messages))
    bundle_id = request.GET.get("bundle", "")
    if bundle_id:
        name = _bundle_name(cohort.pk, _uuid_or_404(bundle_id))
        if not _storage().exists(name):
            raise Http404
        return FileResponse(
            _storage().open(name, "rb"), as_attachment=True, filename=f"classroom-{bundle_id}.zip"
        )
    nodes = list(NodeKey.objects.filter(cohort=cohort).order_by("-registered_at"))
    return render(
        request,
        "classroom/admin/cohort.html",
        {
            "cohort": cohort,
            "export_form": export_form,
            "node_form": node_form,
            "nodes": nodes,
            "platform_key": services.platform_public_key(),
            **admin_header(
                _("Offline classroom"),
                parents=cohort_parents(cohort),
                icon="download",
                subtitle=cohort.name,
            ),
        },
        status=status_for(export_form, node_form),
    )


def _uuid_or_404(text: str) -> str:
    import uuid

    try:
        return str(uuid.UUID(text))
    except ValueError as error:
        raise Http404 from error


def results_import(request):
    """Upload a results bundle: checked whole and reported; importing takes a second click."""
    _require_coordinator(request)
    form = ResultsUploadForm(request.POST or None, request.FILES or None)
    report = None
    token = ""
    if request.method == "POST":
        token = request.POST.get("token", "")
        try:
            if token:
                name = f"classroom/results/{_hex_or_404(token)}.zip"
                if not _storage().exists(name):
                    raise Http404
                with _storage().open(name, "rb") as handle:
                    data = handle.read()
                _in_scope_or_404(request, services.results_preview(data=data, actor=request.user))
                report = services.results_import(data=data, actor=request.user)
                services.private_file_delete(name=name)
                messages.success(request, _("The results were imported."))
                return render(
                    request,
                    "classroom/admin/results.html",
                    {"form": None, "report": report, "imported": True, **_results_header()},
                )
            if form.is_valid():
                data = form.cleaned_data["file"].read(MAX_UPLOAD_BYTES + 1)
                report = services.results_preview(data=data, actor=request.user)
                _in_scope_or_404(request, report)
                token = hashlib.sha256(data).hexdigest()
                services.private_file_store(name=f"classroom/results/{token}.zip", data=data)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
            report, token = None, ""
    return render(
        request,
        "classroom/admin/results.html",
        {
            "form": form,
            "report": report,
            "token": token,
            "cohorts": scope.cohorts_for(request.user).order_by("-start_date")[:50],
            **_results_header(),
        },
        status=status_for(form),
    )


def _results_header() -> dict:
    return admin_header(_("Import classroom results"), icon="upload")


def _hex_or_404(text: str) -> str:
    if len(text) != 64 or any(ch not in "0123456789abcdef" for ch in text):
        raise Http404
    return text


def _in_scope_or_404(request, report) -> None:
    if not scope.cohorts_for(request.user).filter(pk=report.cohort.pk).exists():
        raise Http404
