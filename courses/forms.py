"""Admin forms of the course pages."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from lms import roles


def trainer_candidates():
    """Active accounts holding the trainer or lead trainer role: the only people a course
    can name as its trainers."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[roles.TRAINER, roles.LEAD_TRAINER])
        .distinct()
        .order_by("email")
    )


class CoursePageForm(WagtailAdminPageForm):
    """The course editor: its *Trainers* field offers trainers and lead trainers only.

    The limit is the field's queryset, so it holds on the server too: an id of a learner or a
    coordinator posted by hand is refused like any other invalid choice.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "trainers" in self.fields:
            field = self.fields["trainers"]
            field.queryset = trainer_candidates()
            field.error_messages["invalid_choice"] = _(
                "Only people with the trainer or lead trainer role can be a course's trainers."
            )
