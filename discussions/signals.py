"""What discussions announces to the apps above it.

``reply_moderated`` is sent inside the transaction of a moderation step with ``reply``, ``by``
(the moderator) and ``action`` ("hide", "unhide", "pin" or "unpin"). Coordination records it
in its audit log (``coordination.receivers``); discussions does not import coordination.
"""

from django.dispatch import Signal

reply_moderated = Signal()
