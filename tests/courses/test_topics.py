"""The catalog's topic filter names topics in the page's language."""

from pathlib import Path

import polib
import pytest
import yaml
from django.conf import settings
from django.utils import translation

from courses.topics import KNOWN_TOPICS, topic_name
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_catalog(catalog, django_capture_on_commit_callbacks):
    course = factories.make_course(index=catalog, title="Phones", modules=1, lessons=1)
    course.topics.add("mobile forensics", "human rights", "chain of custody")
    course.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        return {
            language: factories.translate_tree(course, language).get_parent()
            for language in ("fr", "pt", "es")
        }


def _topic_options(html: str) -> list[str]:
    select = html.split('id="catalog-topic"')[1].split("</select>")[0]
    return [part.split(">", 1)[1].split("<", 1)[0] for part in select.split("<option")[2:]]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["chaîne de possession", "criminalistique mobile", "droits de l&#x27;homme"]),
        ("pt", ["cadeia de custódia", "direitos humanos", "perícia forense móvel"]),
        ("es", ["análisis forense de dispositivos móviles", "cadena de custodia",
                "derechos humanos"]),
    ],
)  # fmt: skip
def test_the_topic_filter_is_in_the_pages_language_and_alphabetical(
    client, french_catalog, language, expected
):
    html = client.get(french_catalog[language].url).content.decode()
    assert _topic_options(html) == expected


def test_a_translated_topic_still_filters_by_its_slug(client, french_catalog):
    response = client.get(french_catalog["fr"].url + "?topic=mobile-forensics")
    assert 'value="mobile-forensics" selected>criminalistique mobile' in response.content.decode()
    assert [course.title for course in response.context["catalog"].courses] == ["Phones"]


def test_a_topic_nobody_translated_shows_as_typed(catalog, client):
    with translation.override("fr"):
        assert topic_name("quantum forensics") == "quantum forensics"


def test_every_topic_the_courses_use_is_listed_and_translated():
    """A topic added to a course file must be added to courses/topics.py and translated."""
    known = {str(topic) for topic in KNOWN_TOPICS}
    used = set()
    for course_file in Path(settings.BASE_DIR, "content").glob("*/course.yaml"):
        used |= set(yaml.safe_load(course_file.read_text())["topics"])
    assert used - known == set()
    for language in ("fr", "pt", "es"):
        path = Path(settings.BASE_DIR, "locale", language, "LC_MESSAGES", "django.po")
        catalog = polib.pofile(str(path))
        translated = {
            entry.msgid for entry in catalog if entry.msgctxt == "course topic" and entry.msgstr
        }
        assert known - translated == set(), language
