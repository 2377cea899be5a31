"""The question bank is scoped by course: trainers reach only their own courses' questions."""

import io
import re

import PIL.Image
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Question, QuestionCategory
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db

SNIPPETS = "/admin/snippets/assessments"


@pytest.fixture
def banks(catalog):
    """Two courses, each with a category holding one question, and a trainer of course A."""
    course_a = factories.make_course(index=catalog, modules=0, title="Course A")
    course_b = factories.make_course(index=catalog, modules=0, title="Course B")
    category_a = factories.make_category(name="Bank of A", course=course_a)
    category_b = factories.make_category(name="Bank of B", course=course_b)
    question_a = factories.make_question(category=category_a, title="Question of A")
    question_b = factories.make_question(category=category_b, title="Question of B")
    trainer = factories.make_course_trainer(course=course_a)
    return {
        "a": (course_a, category_a, question_a),
        "b": (course_b, category_b, question_b),
        "trainer": trainer,
    }


@pytest.fixture
def trainer_client(client, banks):
    client.force_login(banks["trainer"])
    return client


def _question_post(question, **changes):
    data = {
        "category": question.category_id,
        "type": question.type,
        "title": question.title,
        "text": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Which?", '
        '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "points": "1",
        "answers-count": "0",
        "correct_is_true": "on",
        "ignore_accents": "on",
    }
    data.update(changes)
    return data


@pytest.mark.engine_sensitive
def test_a_trainer_lists_only_their_courses_questions_and_categories(trainer_client):
    questions = trainer_client.get(f"{SNIPPETS}/question/").content.decode()
    categories = trainer_client.get(f"{SNIPPETS}/questioncategory/").content.decode()
    assert "Question of A" in questions
    assert "Question of B" not in questions
    assert "Bank of B" not in questions
    assert "Bank of A" in categories
    assert "Bank of B" not in categories


def test_a_trainer_cannot_open_or_save_another_courses_question(trainer_client, banks):
    _course, _category, question_b = banks["b"]
    edit = f"{SNIPPETS}/question/edit/{question_b.pk}/"
    assert trainer_client.get(edit, follow=True).status_code == 404
    response = trainer_client.post(
        edit, _question_post(question_b, title="Taken over"), follow=True
    )
    assert response.status_code == 404
    question_b.refresh_from_db()
    assert question_b.title == "Question of B"


@pytest.mark.parametrize("view", ["delete", "history", "usage"])
def test_a_trainer_cannot_reach_another_courses_question_by_its_id(trainer_client, banks, view):
    _course, category_b, question_b = banks["b"]
    url = f"{SNIPPETS}/question/{view}/{question_b.pk}/"
    assert trainer_client.get(url, follow=True).status_code == 404
    url = f"{SNIPPETS}/questioncategory/{view}/{category_b.pk}/"
    assert trainer_client.get(url, follow=True).status_code == 404


@pytest.mark.parametrize("view", ["edit", "history", "usage", "copy"])
def test_a_trainer_opens_every_view_of_their_own_courses_question(trainer_client, banks, view):
    """The scoped views narrow the object, not what the history and usage views list."""
    _course, category_a, question_a = banks["a"]
    for model, obj in (("question", question_a), ("questioncategory", category_a)):
        response = trainer_client.get(f"{SNIPPETS}/{model}/{view}/{obj.pk}/")
        assert response.status_code == 200, (model, view)


def test_a_trainer_cannot_copy_another_courses_question(trainer_client, banks):
    _course, _category, question_b = banks["b"]
    response = trainer_client.get(f"{SNIPPETS}/question/copy/{question_b.pk}/", follow=True)
    assert "do not have permission" in response.content.decode()
    assert "Question of B" not in response.content.decode()


def test_a_trainer_cannot_edit_another_courses_category(trainer_client, banks):
    _course, category_b, _question = banks["b"]
    url = f"{SNIPPETS}/questioncategory/edit/{category_b.pk}/"
    assert trainer_client.get(url, follow=True).status_code == 404
    assert trainer_client.post(url, {"name": "Taken over"}, follow=True).status_code == 404
    category_b.refresh_from_db()
    assert category_b.name == "Bank of B"


def test_a_trainer_edits_their_own_courses_question(trainer_client, banks):
    _course, _category, question_a = banks["a"]
    url = f"{SNIPPETS}/question/edit/{question_a.pk}/"
    assert trainer_client.get(url).status_code == 200
    response = trainer_client.post(url, _question_post(question_a, type="true_false"))
    assert response.status_code == 302
    question_a.refresh_from_db()
    assert question_a.type == "true_false"


def test_a_trainer_cannot_move_a_question_into_another_courses_category(trainer_client, banks):
    _course, _category, question_a = banks["a"]
    _course_b, category_b, _question_b = banks["b"]
    url = f"{SNIPPETS}/question/edit/{question_a.pk}/"
    response = trainer_client.post(
        url, _question_post(question_a, type="true_false", category=category_b.pk)
    )
    assert response.status_code == 200  # the form again, with the error
    question_a.refresh_from_db()
    assert question_a.category_id != category_b.pk


def test_a_trainer_makes_categories_only_in_their_courses(trainer_client, banks):
    course_a, _category, _question = banks["a"]
    course_b, _category_b, _question_b = banks["b"]
    url = f"{SNIPPETS}/questioncategory/add/"
    trainer_client.post(url, {"name": "Smuggled", "course": course_b.pk, "locale": "en"})
    trainer_client.post(url, {"name": "Orphan", "locale": "en"})
    assert not QuestionCategory.objects.filter(name__in=["Smuggled", "Orphan"]).exists()
    response = trainer_client.post(url, {"name": "Week 2", "course": course_a.pk, "locale": "en"})
    assert response.status_code == 302
    assert QuestionCategory.objects.get(name="Week 2").course == course_a


def test_the_question_chooser_offers_only_the_trainers_courses(trainer_client, banks):
    _course, _category, question_b = banks["b"]
    html = trainer_client.get("/admin/snippets/choose/assessments/question/").content.decode()
    assert "Question of A" in html
    assert "Question of B" not in html
    url = f"/admin/snippets/choose/assessments/question/chosen/{question_b.pk}/"
    assert trainer_client.get(url, follow=True).status_code == 404


def test_a_trainer_cannot_export_another_courses_category(trainer_client, banks):
    _course, category_a, _question = banks["a"]
    _course_b, category_b, _question_b = banks["b"]
    url = f"/admin/question-bank/gift/export/{category_b.pk}/"
    assert trainer_client.get(url, follow=True).status_code == 404
    response = trainer_client.get(f"/admin/question-bank/gift/export/{category_a.pk}/")
    assert "::Question of A::" in response.content.decode()


def test_a_trainer_cannot_import_into_another_courses_category(trainer_client, banks):
    _course_b, category_b, _question_b = banks["b"]
    upload = SimpleUploadedFile("x.gift", b"::Smuggled:: Yes? {T}", "text/plain")
    response = trainer_client.post(
        "/admin/question-bank/gift/", {"category": category_b.pk, "file": upload}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Question.objects.filter(title="Smuggled").exists()


def test_a_gift_category_line_stays_inside_the_chosen_course(trainer_client, banks):
    course_a, category_a, _question = banks["a"]
    _course_b, category_b, _question_b = banks["b"]
    text = "$CATEGORY: Bank of B\n\n::Smuggled:: Yes? {T}\n"
    upload = SimpleUploadedFile("x.gift", text.encode(), "text/plain")
    trainer_client.post("/admin/question-bank/gift/", {"category": category_a.pk, "file": upload})
    smuggled = Question.objects.get(title="Smuggled")
    assert smuggled.category != category_b
    assert smuggled.category.course == course_a


def test_a_lead_trainer_reaches_the_courses_of_the_catalog(client, banks):
    lead = factories.make_staff(role=roles.LEAD_TRAINER, with_totp=True)
    client.force_login(lead)
    html = client.get(f"{SNIPPETS}/question/").content.decode()
    assert "Question of A" in html and "Question of B" in html


def test_a_programme_manager_reaches_every_category_even_without_a_course(client, banks):
    factories.make_question(category=factories.make_category(name="Unfiled"), title="Loose")
    manager = factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True)
    client.force_login(manager)
    html = client.get(f"{SNIPPETS}/question/").content.decode()
    assert "Question of A" in html and "Question of B" in html and "Loose" in html


def test_a_trainer_uploads_an_image_and_a_document_into_their_courses_collection(
    trainer_client, banks
):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from courses.models import CourseCollection

    course_a, _category, _question = banks["a"]
    collection = CourseCollection.objects.get(course=course_a).collection
    buffer = io.BytesIO()
    PIL.Image.new("RGB", (2, 2)).save(buffer, "PNG")
    png = buffer.getvalue()
    image = trainer_client.post(
        "/admin/images/add/",
        {
            "title": "Seized phone",
            "collection": collection.pk,
            "file": SimpleUploadedFile("phone.png", png, "image/png"),
        },
    )
    document = trainer_client.post(
        "/admin/documents/add/",
        {
            "title": "Warrant template",
            "collection": collection.pk,
            "file": SimpleUploadedFile("warrant.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        },
    )
    assert (image.status_code, document.status_code) == (302, 302)
    assert get_image_model().objects.get(title="Seized phone").collection == collection
    assert get_document_model().objects.get(title="Warrant template").collection == collection
    assert trainer_client.get("/admin/images/chooser/").status_code == 200
    assert "Warrant template" in trainer_client.get("/admin/documents/chooser/").content.decode()


def test_a_trainer_cannot_upload_into_another_courses_collection(trainer_client, banks):
    from wagtail.images import get_image_model

    from courses.models import CourseCollection

    course_b, _category, _question = banks["b"]
    collection_b = CourseCollection.objects.get(course=course_b).collection
    trainer_client.post(
        "/admin/images/add/",
        {
            "title": "Stray",
            "collection": collection_b.pk,
            "file": SimpleUploadedFile("s.png", b"x"),
        },
    )
    assert not get_image_model().objects.filter(title="Stray").exists()


@pytest.mark.parametrize("model", ["question", "questioncategory"])
def test_the_choosers_create_url_is_a_404_not_a_500(trainer_client, model):
    trainer_client.raise_request_exception = False
    url = f"/admin/snippets/choose/assessments/{model}/create/"
    # A 404 under /admin/ is first sent to /en/admin/... by LocaleMiddleware, still a 404.
    assert trainer_client.post(url, follow=True).status_code == 404


@pytest.mark.engine_sensitive
def test_a_trainer_finds_their_question_by_searching_the_listing(trainer_client):
    response = trainer_client.get(f"{SNIPPETS}/question/", {"q": "Question"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Question of A" in page
    assert "Question of B" not in page


@pytest.mark.engine_sensitive
def test_a_trainer_finds_their_category_by_searching_the_listing(trainer_client):
    response = trainer_client.get(f"{SNIPPETS}/questioncategory/", {"q": "Bank"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bank of A" in page
    assert "Bank of B" not in page


@pytest.mark.engine_sensitive
def test_a_trainer_finds_their_question_by_searching_the_chooser(trainer_client):
    for url in (
        "/admin/snippets/choose/assessments/question/",
        "/admin/snippets/choose/assessments/question/results/",
    ):
        response = trainer_client.get(url, {"q": "Question"})
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "Question of A" in page, url
        assert "Question of B" not in page, url


def test_the_english_listing_after_saving_a_question_shows_no_error(trainer_client, banks):
    _course, _category, question_a = banks["a"]
    saved = trainer_client.post(
        f"{SNIPPETS}/question/edit/{question_a.pk}/", _question_post(question_a), follow=True
    )
    assert saved.status_code == 200
    response = trainer_client.get(f"{SNIPPETS}/question/", {"locale": "en"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" not in page
    assert "Question of A" in page


@pytest.mark.engine_sensitive
def test_a_half_typed_word_of_a_questions_text_finds_it(trainer_client, banks):
    _course, category_a, _question = banks["a"]
    factories.make_question(
        category=category_a, title="Hashes", text="<p>Which tool computes a checksum?</p>"
    )
    response = trainer_client.get(f"{SNIPPETS}/question/", {"q": "checks"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hashes" in page
    assert "Question of A" not in page


@pytest.mark.engine_sensitive
def test_the_language_filter_narrows_a_search_of_the_listing(trainer_client):
    english = trainer_client.get(f"{SNIPPETS}/question/", {"q": "Question", "locale": "en"})
    french = trainer_client.get(f"{SNIPPETS}/question/", {"q": "Question", "locale": "fr"})
    assert english.status_code == french.status_code == 200
    assert "Question of A" in english.content.decode()
    assert "Question of A" not in french.content.decode()


def test_the_question_chooser_is_titled_in_the_admins_language(client, banks):
    from lms.services import profile_update

    course, _category, _question = banks["a"]
    trainer = factories.make_course_trainer(course=course)
    profile_update(user=trainer, preferred_language="fr")
    client.force_login(trainer)
    response = client.get("/admin/snippets/choose/assessments/question/")
    html = response.json()["html"]
    title = re.search(r'<h1 class="w-header__title".*?</h1>', html, re.S).group(0)
    assert "Choisir" in title and "Choose" not in title
