"""Verification answers kept for visitors, and dropped the moment a certificate changes.

The public verification page, its JSON, the signed credential and the revocation list are the
same for every visitor without a session until a certificate is issued, corrected, revoked or
signed again (``lms.page_cache`` keeps them under the "certificates" scope). Any save or
deletion of a certificate moves that scope's generation on once its transaction commits, so a
revocation is visible on the next request; ``manage.py certificates_check_proofs``, run after
the issuer's keys change, moves it on as well.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from lms import page_cache

SCOPE = "certificates"


def keep(request, *, certificate=None, rate_limit=None) -> None:
    """Let this verification answer be kept; an expiring certificate's no longer than its
    expiry, when its status changes without any save."""
    seconds = None
    if certificate is not None and certificate.expires_at is not None:
        seconds = (certificate.expires_at - timezone.now()).total_seconds()
    page_cache.keep_for_visitors(request, scope=SCOPE, seconds=seconds, rate_limit=rate_limit)


def drop_kept() -> None:
    """Drop every kept verification answer once the current transaction commits."""
    transaction.on_commit(lambda: page_cache.invalidate(SCOPE))


def _changed(sender, **kwargs) -> None:
    drop_kept()


def connect() -> None:
    from certificates.models import Certificate

    post_save.connect(_changed, sender=Certificate, dispatch_uid="certificates_kept_save")
    post_delete.connect(_changed, sender=Certificate, dispatch_uid="certificates_kept_delete")
