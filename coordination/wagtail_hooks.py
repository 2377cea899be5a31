"""The coordinators' workspace in the Wagtail admin: cohorts, applications, audit log."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from coordination import admin_urls, scope, services
from coordination.forms import CohortForm
from courses.models import Cohort, CoursePage
from lms import roles


class CohortFilterSet(WagtailFilterSet):
    """The course and country filters offer what the person's own cohorts have.

    Left to Wagtail, they would list every course page (other coordinators' courses, and
    every translation of each, which no cohort points at) and all 250 countries.
    """

    class Meta:
        model = Cohort
        fields = ["course", "country"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is None:
            return
        cohorts = scope.cohorts_for(request.user)
        self.filters["course"].queryset = CoursePage.objects.filter(
            pk__in=cohorts.values("course_id")
        ).order_by("title")
        used = set(cohorts.exclude(country="").values_list("country", flat=True))
        self.filters["country"].extra["choices"] = [
            (code, name) for code, name in countries if code in used
        ]


class ScopedIndexView(IndexView):
    def get_base_queryset(self):
        return scope.cohorts_for(self.request.user).select_related("course")


class ScopedCohortMixin:
    """A cohort outside ``scope.cohorts_for`` answers 404 on every per-cohort view (edit,
    delete, history and its results, usage), as on the workspace's own screens.

    Edit and delete find their object through ``get_queryset``; history and usage are
    listings (of log entries, of references) and find it through
    ``get_base_object_queryset``.
    """

    def get_base_object_queryset(self):
        return scope.cohorts_for(self.request.user)


class ScopedCohortFormMixin(ScopedCohortMixin):
    def get_queryset(self):
        return scope.cohorts_for(self.request.user)


class CohortSaveMixin:
    """Saves through coordination.services.cohort_save (audit, creator coordinates)."""

    created = False

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user  # the courses offered are the user's own
        return kwargs

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.CoordinationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)

    def save_instance(self):
        return services.cohort_save(
            cohort=self.form.save(commit=False),
            by=self.request.user,
            created=self.created,
            coordinators=self.form.cleaned_data["coordinators"],
        )


class CohortCreateView(CohortSaveMixin, CreateView):
    created = True


class CohortEditView(ScopedCohortFormMixin, CohortSaveMixin, EditView):
    pass


class CohortDeleteView(ScopedCohortFormMixin, DeleteView):
    pass


class CohortHistoryView(ScopedCohortMixin, HistoryView):
    pass


class CohortUsageView(ScopedCohortMixin, UsageView):
    pass


class CohortLinksColumn(Column):
    """Links from a cohort to its members, CSV import, progress table and certificates."""

    cell_template_name = "coordination/admin/cohort_links_cell.html"


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    menu_order = 310
    add_to_admin_menu = True
    url_prefix = "coordination/cohorts"
    name = "cohorts"
    copy_view_enabled = False
    index_view_class = ScopedIndexView
    add_view_class = CohortCreateView
    edit_view_class = CohortEditView
    delete_view_class = CohortDeleteView
    history_view_class = CohortHistoryView
    usage_view_class = CohortUsageView
    list_display = [
        "name",
        "course",
        "country",
        "start_date",
        "end_date",
        CohortLinksColumn("links", label=_("Work with the cohort"), accessor="pk"),
    ]
    filterset_class = CohortFilterSet
    search_fields = ["name"]
    list_export = ["name", "course", "country", "start_date", "end_date"]
    export_filename = "cohorts"

    def get_form_class(self, for_update=False):
        return CohortForm


cohort_viewset = CohortViewSet()


@hooks.register("register_admin_viewset")
def register_cohorts():
    return cohort_viewset


@hooks.register("register_admin_urls")
def coordination_urls():
    return [path("coordination/", include(admin_urls))]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_coordinator(request.user)


class ProgrammeManagerMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_programme_manager(request.user)


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("coordination.view_auditevent")


@hooks.register("register_admin_menu_item")
def applications_menu_item():
    return CoordinatorMenuItem(
        _("Applications"), reverse("coordination_applications"), icon_name="form", order=315
    )


@hooks.register("register_admin_menu_item")
def audit_menu_item():
    return AuditMenuItem(
        _("Audit log"), reverse("coordination_audit"), icon_name="history", order=330
    )


@hooks.register("register_admin_menu_item")
def assignments_menu_item():
    return ProgrammeManagerMenuItem(
        _("Course assignments"),
        reverse("coordination_assignments"),
        icon_name="user",
        order=320,
    )
