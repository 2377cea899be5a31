"""The question bank in the Wagtail admin, and regrading after a question is fixed."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from assessments import admin_views, services
from assessments.models import Question, QuestionCategory, QuizPage


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


@hooks.register("register_admin_urls")
def gift_urls():
    return [
        path("question-bank/gift/", admin_views.gift_import, name="assessments_gift_import"),
        path(
            "question-bank/gift/export/<int:category_id>/",
            admin_views.gift_export,
            name="assessments_gift_export",
        ),
        path("quiz-results/<int:quiz_id>/", admin_views.quiz_results, name="quiz_results"),
        path(
            "quiz-results/<int:quiz_id>/attempt/<int:attempt_id>/",
            admin_views.quiz_attempt,
            name="quiz_results_attempt",
        ),
        path(
            "quiz-results/<int:quiz_id>/export.csv",
            admin_views.quiz_export,
            {"file_format": "csv"},
            name="quiz_results_csv",
        ),
        path(
            "quiz-results/<int:quiz_id>/export.xlsx",
            admin_views.quiz_export,
            {"file_format": "xlsx"},
            name="quiz_results_xlsx",
        ),
    ]


@hooks.register("register_page_listing_more_buttons")
def results_button(page, user, next_url=None):
    if isinstance(page.specific_deferred, QuizPage) and page.permissions_for_user(user).can_edit():
        yield Button(gettext_lazy("Results"), reverse("quiz_results", args=[page.pk]), priority=50)


class GiftMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("assessments.add_question")


@hooks.register("register_admin_menu_item")
def gift_menu_item():
    return GiftMenuItem(
        gettext_lazy("Import questions (GIFT)"),
        reverse("assessments_gift_import"),
        icon_name="upload",
        order=310,
    )
