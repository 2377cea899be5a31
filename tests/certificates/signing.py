"""Run an issuing service the way a request and its worker do, for tests that read the signed
credential or the e-mail: every issue path stores the certificate and leaves signing to
``credential_sign_task``, queued on commit (the immediate backend runs it then)."""

from django.test import TestCase


def signed(service, **kwargs):
    """Call ``service`` (``certificate_issue``, ``certificate_reissue``,
    ``certificate_award_in_person``), commit, and return its certificate once signed."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        certificate = service(**kwargs)
    certificate.refresh_from_db()
    return certificate
