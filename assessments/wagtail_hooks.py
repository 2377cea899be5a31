"""The question bank in the Wagtail admin, and regrading after a question is fixed."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from assessments import services
from assessments.models import Question, QuestionCategory


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Categories")
    list_display = ["name", "locale"]
    search_fields = ["name"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = gettext_lazy("Questions")
    list_display = ["title", "type", "category", "points", "locale"]
    list_filter = ["type", "category", "locale"]
    search_fields = ["title", "text"]


class QuestionBankViewSetGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, QuestionCategoryViewSet)
    menu_icon = "help"
    menu_label = gettext_lazy("Question bank")
    menu_name = "question-bank"


register_snippet(QuestionBankViewSetGroup)


@hooks.register("after_edit_snippet")
def regrade_after_a_fix(request, instance):
    """A corrected question regrades the attempts that contain it; progress follows."""
    if isinstance(instance, Question):
        count = services.question_regrade(question=instance)
        if count:
            messages.info(
                request, _("%(count)d submitted attempts were regraded.") % {"count": count}
            )
