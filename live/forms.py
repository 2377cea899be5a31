"""The live session editor: a session for a course's learners needs a course, unless it sits
in a module (then it is that module's course)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class LiveSessionPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        from courses.models import ModulePage
        from live.models import LiveSessionPage

        parent = getattr(self, "parent_page", None)
        in_module = parent is not None and parent.specific_class is ModulePage
        if (
            cleaned.get("audience") == LiveSessionPage.Audience.COURSE
            and not cleaned.get("course")
            and not in_module
        ):
            self.add_error("course", _("Choose the course whose learners may register."))
        return cleaned
