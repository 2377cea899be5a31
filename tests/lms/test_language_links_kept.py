"""The language switcher's links of a page kept in the shared cache (issue 16), dropped when
any page is published."""

import pytest
from wagtail.models import Locale

from lms.templatetags import lms_tags
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def test_a_pages_language_links_are_kept_until_a_page_is_published(
    client, home_pages, monkeypatch
):
    from lms.models import HomePage

    client.force_login(factories.make_learner())  # signed in: the page itself is never kept
    child = HomePage(title="Soon in French", slug="soon-french")
    home_pages["en"].add_child(instance=child)
    child.save_revision().publish()
    first = client.get(child.url).content.decode()
    assert 'href="/fr/" hreflang="fr"' in first
    reads = []
    original = lms_tags._page_urls_read
    monkeypatch.setattr(
        lms_tags, "_page_urls_read", lambda *args: reads.append(args) or original(*args)
    )
    assert 'href="/fr/" hreflang="fr"' in client.get(child.url).content.decode()
    assert reads == []  # kept: no query for the translations

    french = child.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.save_revision().publish()
    html = client.get(child.url).content.decode()
    assert f'href="{french.url}" hreflang="fr"' in html
    assert len(reads) == 1
