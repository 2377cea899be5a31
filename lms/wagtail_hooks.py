"""Wagtail hooks of the base app: internal links and snippet choosers that cannot crash, and
the browser's time zone reported from the admin too, and the admin's avatar."""

from django.conf import settings
from django.http import Http404
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.forms import TaskStateCommentForm
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.snippets.views import chooser as snippet_chooser

from lms import page_cache


class _NumericIdsOnly:
    """Look up only ids that are numbers; any other id renders as a link to nowhere.

    The sanitizer already drops such ids when rich text is saved through a form, but text
    can reach the database by other paths (the content loader, a data migration, an older
    row); ``in_bulk`` would raise on "abc" and make the whole page a server error.
    """

    @classmethod
    def get_many(cls, attrs_list):
        def numeric(attrs):
            value = str(attrs.get("id"))
            return value.isascii() and value.isdigit()

        valid = [attrs for attrs in attrs_list if numeric(attrs)]
        found = iter(super().get_many(valid))  # Wagtail's own lookup, one query
        return [next(found) if numeric(attrs) else None for attrs in attrs_list]


class SafeDocumentLinkHandler(_NumericIdsOnly, DocumentLinkHandler):
    pass


class SafePageLinkHandler(_NumericIdsOnly, PageLinkHandler):
    pass


@hooks.register("register_rich_text_features", order=100)
def register_safe_link_handlers(features):
    # Registered after Wagtail's own (order 100): the last handler of an identifier wins.
    features.register_link_type(SafeDocumentLinkHandler)
    features.register_link_type(SafePageLinkHandler)


class ChooserCreateView(snippet_chooser.SnippetCreateView):
    """A snippet chooser offers no "create" tab unless it is given a form; its URL still
    exists, and Wagtail's view fails on the missing form. Without one, it is a 404."""

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


# The comment a reviewer sends with *Request changes* or *Approve with comment*: Wagtail
# translates its label when it is imported, in English, so a French reviewer read "Comment".
TaskStateCommentForm.base_fields["comment"].label = pgettext_lazy("reviewer's note", "Comment")


class NoCreateChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """The chooser every snippet of the project uses (``chooser_viewset_class``).

    Wagtail's ChooserViewSet translates its labels when it is imported, in English, so the
    chooser's title said "Choose" in a French admin; lazy, they follow the admin's language.
    """

    create_view_class = ChooserCreateView
    choose_one_text = gettext_lazy("Choose")
    choose_another_text = gettext_lazy("Choose another")
    edit_item_text = gettext_lazy("Edit")


@hooks.register("insert_global_admin_js")
def report_the_browsers_time_zone():
    """Staff may go straight from signing in to the admin: their browser's zone is reported
    there as on the site (lms.timezones), and is saved only to a profile without one."""
    return format_html(
        '<script src="{}" data-cookie="{}" defer></script>',
        static("lms/time_zone.js"),
        settings.LMS_TIME_ZONE_COOKIE_NAME,
    )


@hooks.register("get_avatar_url")
def own_avatar(user, size):
    """Every account shows the same avatar, served from our own static files.

    Gravatar is off (``WAGTAIL_GRAVATAR_PROVIDER_URL = None``) so that no admin page tells a
    third party who is working. A picture uploaded in the account settings is not used either:
    uploads under MEDIA_ROOT are not served by the application in production, so it would
    show as a broken image on every admin page.
    """
    return static("lms/avatar.svg")


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("lms/admin.css"))


# Pages of the site may be kept for visitors who are not signed in (lms.page_cache).
hooks.register("before_serve_page", page_cache.mark_cacheable)
