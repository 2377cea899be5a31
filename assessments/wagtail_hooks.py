"""The question bank in the Wagtail admin, and regrading after a question is fixed."""

from django.contrib import messages
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from assessments import admin_views, permissions, services
from assessments.item_checks import item_faults
from assessments.models import Question, QuestionCategory, QuizPage
from lms.admin_pages import admin_header
from lms.wagtail_hooks import NoCreateChooserViewSet

# Before the viewsets below: Wagtail looks the policies up when they are registered.
for _model, _policy in permissions.question_bank_policies().items():
    register_permission_policy(_model, _policy, exact_class=True)

ANY_ACTION = ["add", "change", "delete", "view"]


def _scoped(model, user):
    """The instances of ``model`` that ``user`` reaches (assessments.permissions)."""
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
        user, ANY_ACTION
    )


class ScopedIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset() & _scoped(self.model, self.request.user)


class ScopedObjectMixin:
    """Edit, delete, copy, history, usage: another course's id is a 404.

    Only the object's queryset is narrowed here: the history and usage views list log
    entries and references through ``get_queryset``, which must stay theirs.
    """

    def get_base_object_queryset(self):
        return _scoped(self.model, self.request.user)


class ScopedObjectQuerysetMixin(ScopedObjectMixin):
    """Edit, delete and copy look their object up through ``get_queryset``."""

    def get_queryset(self):
        return _scoped(self.model, self.request.user)


class ScopedFormMixin:
    """A category's course and a question's category are chosen among the user's own."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        user = self.request.user
        if "course" in form.fields:
            form.fields["course"].queryset = permissions.courses_for(user)
            form.fields["course"].required = permissions.category_ids_for(user) is not None
        if "category" in form.fields:
            form.fields["category"].queryset = _scoped(QuestionCategory, user)
        return form


class ScopedCreateView(ScopedFormMixin, snippet_views.CreateView):
    pass


class QuestionCreateView(ScopedCreateView):
    """A new question starts from its type: the editor then offers that type's answer blocks
    (``assessments.forms.QuestionForm``). Without a type, the choice of types is shown."""

    def _chosen_type(self) -> str | None:
        chosen = self.request.GET.get("type")
        return chosen if chosen in dict(Question.TYPE_CHOICES) else None

    def get(self, request, *args, **kwargs):
        if self._chosen_type() is None:
            query = request.GET.copy()
            choices = []
            for value, label in Question.TYPE_CHOICES:
                query["type"] = value
                choices.append((label, f"?{query.urlencode()}"))
            context = {
                "choices": choices,
                **admin_header(
                    _("New question"),
                    parents=[(_("Questions"), reverse(self.index_url_name))],
                    icon="help",
                ),
            }
            template = "assessments/admin/question_type_choice.html"
            return TemplateResponse(request, template, context)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        if chosen := self._chosen_type():
            initial["type"] = chosen
        return initial


class ScopedEditView(ScopedObjectQuerysetMixin, ScopedFormMixin, snippet_views.EditView):
    pass


class ScopedCopyView(ScopedObjectQuerysetMixin, ScopedFormMixin, snippet_views.CopyView):
    """Wagtail's copy view asks the policy for the instance copied (403 for another course)."""


class ScopedDeleteView(ScopedObjectQuerysetMixin, snippet_views.DeleteView):
    pass


class ScopedHistoryView(ScopedObjectMixin, snippet_views.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, snippet_views.UsageView):
    pass


class ScopedChooseMixin:
    def get_object_list(self):
        return super().get_object_list() & _scoped(self.model_class, self.request.user)


class ScopedChooseView(ScopedChooseMixin, snippet_chooser.ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooseMixin, snippet_chooser.ChooseResultsView):
    pass


class ScopedChosenView(snippet_chooser.SnippetChosenView):
    def get_object(self, pk):
        return _scoped(self.model_class, self.request.user).get(pk=pk)


class ScopedChooserViewSet(NoCreateChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose every view and chooser sees only the user's courses."""

    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    copy_view_class = ScopedCopyView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    chooser_viewset_class = ScopedChooserViewSet


class QuestionCategoryViewSet(ScopedSnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Categories")
    list_display = ["name", "course", "locale"]
    search_fields = ["name"]


class QuestionFilterSet(WagtailFilterSet):
    """The category filter lists only the categories the user reaches.

    There is no ``locale`` field here: Wagtail adds its own language filter, which takes the
    language code (``?locale=en``) that its views link to after a save. A model field filter
    would expect the locale's id and call ``en`` an invalid choice.
    """

    class Meta:
        model = Question
        fields = ["type", "category"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["category"].queryset = _scoped(QuestionCategory, request.user)


class QuestionViewSet(ScopedSnippetViewSet):
    model = Question
    icon = "help"
    menu_label = gettext_lazy("Questions")
    list_display = ["title", "type", "category", "points", "locale"]
    add_view_class = QuestionCreateView
    filterset_class = QuestionFilterSet
    # No ``search_fields``: Question is indexed, and naming fields here makes the SQLite
    # backend look for a column per field in its full-text table, which has none. The
    # model's own index (title and text, both as typed) is searched instead.


class QuestionBankViewSetGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, QuestionCategoryViewSet)
    menu_icon = "help"
    menu_label = gettext_lazy("Question bank")
    menu_name = "question-bank"


register_snippet(QuestionBankViewSetGroup)


def _warn_of_item_faults(request, question) -> None:
    """Choice questions with a cue (longest right answer, "all of the above", an unemphasised
    negative, very unequal choices) save, with a warning per fault: see item_checks."""
    if question.type not in (Question.Type.SINGLE, Question.Type.MULTIPLE):
        return
    choices = [(c.text, c.weight > 0) for c in question.to_spec().choices]
    language = question.locale.language_code if question.locale_id else "en"
    for fault in item_faults(question.text, choices, language=language):
        messages.warning(request, fault.message)


@hooks.register("after_create_snippet")
def warn_of_item_faults_on_create(request, instance):
    if isinstance(instance, Question):
        _warn_of_item_faults(request, instance)


@hooks.register("after_edit_snippet")
def warn_of_item_faults_on_edit(request, instance):
    if isinstance(instance, Question):
        _warn_of_item_faults(request, instance)


@hooks.register("after_edit_snippet")
def regrade_after_a_fix(request, instance):
    """A corrected question regrades the attempts that contain it, in a task queued on
    commit so the save answers at once however many learners took it; progress follows."""
    if isinstance(instance, Question):
        count = services.question_regrade_enqueue(question=instance)
        if count:
            messages.info(
                request,
                ngettext(
                    "%(count)d submitted attempt is being regraded.",
                    "%(count)d submitted attempts are being regraded.",
                    count,
                )
                % {"count": count},
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


@hooks.register("register_admin_urls")
def typed_answer_urls():
    from assessments import admin_answers

    return [
        path(
            "quiz-results/<int:quiz_id>/typed-answers/",
            admin_answers.typed_answers,
            name="quiz_typed_answers",
        ),
        path(
            "quiz-results/<int:quiz_id>/typed-answers/accept/",
            admin_answers.accept_answer,
            name="quiz_typed_answers_accept",
        ),
    ]


@hooks.register("register_admin_urls")
def marking_urls():
    from assessments import admin_marking

    return [
        path("marking/", admin_marking.marking_queue, name="assessments_marking"),
        path(
            "marking/<int:attempt_id>/",
            admin_marking.marking_attempt,
            name="assessments_marking_attempt",
        ),
        path(
            "marking/file/<int:response_id>/",
            admin_marking.marking_file,
            name="assessments_marking_file",
        ),
    ]


class MarkingMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_mark(request.user)


@hooks.register("register_admin_menu_item")
def marking_menu_item():
    return MarkingMenuItem(
        gettext_lazy("Marking"), reverse("assessments_marking"), icon_name="edit", order=305
    )
