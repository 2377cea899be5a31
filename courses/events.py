"""Signals other apps listen to (the certificates app issues on ``course_completed``)."""

from django.dispatch import Signal

# Sent inside the transaction that marks an enrolment completed; kwargs: enrolment.
course_completed = Signal()
