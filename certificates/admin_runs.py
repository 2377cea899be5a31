"""Resuming an interrupted bulk issue from the admin.

Kept apart from ``admin_views`` (the coordinators' other screens) so that the recovery of
runs can change without touching them; the run is fetched through the same scope.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certificates import services
from certificates.admin_views import issue_run_header
from certificates.scope import issue_runs_for


def _runs(request):
    return issue_runs_for(request.user)


@require_POST
def issue_run_resume(request, run_id: int):
    """Queue an interrupted run again; while it still makes progress, say so (409)."""
    if not request.user.has_perm("certificates.add_certificate"):
        raise PermissionDenied
    run = get_object_or_404(_runs(request), pk=run_id)
    try:
        services.issue_run_resume(run=run, by=request.user)
    except services.CertificateRefused as refusal:
        return render(
            request,
            "certificates/admin/issue_run.html",
            {"run": run, "refusal": refusal.message, **issue_run_header(run)},
            status=409,
        )
    messages.success(request, _("The bulk issue was resumed where it stopped."))
    return redirect("certificates_issue_run", run.pk)
