"""Certificate PDFs: the text layer in each language, hostile names, nothing fetched."""

import shutil
import subprocess

import pytest
from django.utils import timezone

from certificates import pdf, services
from certificates.models import Certificate
from tests.certificates.test_certificates import complete

pytestmark = pytest.mark.django_db

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


SITE_LOGO = "static:lms/logo.svg"


def fetching(monkeypatch) -> list[str]:
    """The URLs the PDF renderer fetches from now on, in order."""
    fetched = []
    original = pdf.StaticFilesOnlyFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.StaticFilesOnlyFetcher, "fetch", spy)
    return fetched


def text_of(data: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def unsaved_certificate(**kwargs):
    kwargs.setdefault("code", "7K2M-9QXD-4HT8-BW3R")
    kwargs.setdefault("course_title", "Criminalística móvil")
    kwargs.setdefault("name_as_printed", "María José d'Ávila Ñúñez")
    kwargs.setdefault("language", "es")
    kwargs.setdefault("hours", 8)
    kwargs.setdefault("issued_at", timezone.now())
    return Certificate(**kwargs)


@needs_pdftotext
@pytest.mark.parametrize(
    ("language", "phrase"),
    [
        ("en", "has completed the course"),
        ("fr", "a terminé le cours"),
        ("pt", "concluiu o curso"),
        ("es", "ha completado el curso"),
    ],
)
def test_the_text_layer_carries_name_course_and_code_in_each_language(language, phrase):
    certificate = unsaved_certificate(language=language)
    text = text_of(pdf.certificate_pdf(certificate, "https://academy.example.org/v/"))
    assert "María José d'Ávila Ñúñez" in text
    assert "Criminalística móvil" in text
    assert "7K2M-9QXD-4HT8-BW3R" in text
    assert phrase in text


@needs_pdftotext
@pytest.mark.parametrize(
    "hostile",
    [
        '<img src="file:///etc/passwd">',
        "<style>@import url(http://127.0.0.1:9/x.css)</style>",
        '<link rel="stylesheet" href="http://127.0.0.1:9/">',
        "url(file:///etc/shadow)",
    ],
)
def test_a_hostile_name_is_printed_as_text_and_fetches_nothing(hostile, monkeypatch):
    fetched = []
    original = pdf.StaticFilesOnlyFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.StaticFilesOnlyFetcher, "fetch", spy)
    text = text_of(pdf.certificate_pdf(unsaved_certificate(name_as_printed=hostile), "https://x/"))
    assert " ".join(hostile.split())[:20] in " ".join(text.split())
    assert fetched == [SITE_LOGO]  # the academy's logo, and nothing the name asked for


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "http://127.0.0.1/", "https://example.org/", "data:,x"]
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(ValueError):
        pdf.StaticFilesOnlyFetcher().fetch(url)


def test_the_fetcher_serves_static_files():
    response = pdf.StaticFilesOnlyFetcher().fetch("static:lms/favicon.svg")
    assert b"<svg" in response.body if hasattr(response, "body") else response.read()


@needs_pdftotext
def test_the_pdf_is_pdf_a_with_embedded_fonts(tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf.certificate_pdf(unsaved_certificate(), "https://x/"))
    meta = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True)
    assert "pdfaid:part" in meta.stdout and "pdfaid:conformance" in meta.stdout
    font_rows = fonts.stdout.splitlines()[2:]
    assert font_rows and all(" yes " in row for row in font_rows)  # every font embedded


@pytest.fixture
def certificate(catalog, learner):
    from tests import factories

    course = factories.make_course(index=catalog, modules=1, lessons=1)
    complete(learner, course)
    return Certificate.objects.get(learner=learner)


def test_the_pdf_is_rendered_once_and_then_served_from_storage(certificate):
    first = services.certificate_pdf_ensure(certificate=certificate)
    name = first.pdf.name
    second = services.certificate_pdf_ensure(certificate=certificate)
    assert second.pdf.name == name


def test_the_learner_downloads_their_pdf_and_nobody_else_can(client, learner_client, certificate):
    response = learner_client.get(f"/en/learn/certificates/{certificate.code}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    from tests import factories

    client.force_login(factories.make_learner())
    assert client.get(f"/en/learn/certificates/{certificate.code}.pdf").status_code == 404


@needs_pdftotext
def test_the_template_prints_programme_and_signatories_with_their_images(monkeypatch):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from certificates.models import CertificateTemplate

    signature = get_image_model().objects.create(title="sig", file=get_test_image_file())
    template = CertificateTemplate.objects.create(
        name="Programme", programme_name="Global Programme on Cybercrime",
        signatory_1_name="Ana Lima", signatory_1_title="Programme Director",
        signatory_1_signature=signature,
    )  # fmt: skip
    fetched = []
    original = pdf.StaticFilesOnlyFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf.StaticFilesOnlyFetcher, "fetch", spy)
    text = text_of(pdf.certificate_pdf(unsaved_certificate(), "https://x/", template))
    assert "GLOBAL PROGRAMME ON CYBERCRIME" in text  # printed in capitals by the stylesheet
    assert "Ana Lima" in text and "Programme Director" in text
    assert fetched == [SITE_LOGO, f"media:{signature.file.name}"]


def test_media_urls_cannot_leave_the_image_folders():
    fetcher = pdf.StaticFilesOnlyFetcher()
    for url in ("media:../secret_key", "media:original_images/../../x", "media:documents/a.pdf"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


@needs_pdftotext
def test_the_signed_credential_is_attached_to_the_pdf(certificate, tmp_path):
    stored = services.certificate_pdf_ensure(certificate=certificate)
    path = tmp_path / "certificate.pdf"
    path.write_bytes(stored.pdf.read())
    listing = subprocess.run(["pdfdetach", "-list", str(path)], capture_output=True, text=True)
    assert "credential.json" in listing.stdout
    subprocess.run(
        ["pdfdetach", "-save", "1", "-o", str(tmp_path / "c.json"), str(path)], check=True
    )
    import json

    assert json.loads((tmp_path / "c.json").read_text()) == stored.credential


def test_a_server_without_pdf_libraries_explains_instead_of_failing(
    learner_client, certificate, monkeypatch
):
    def missing_pango(**kwargs):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(services, "certificate_pdf_ensure", missing_pango)
    response = learner_client.get(f"/en/learn/certificates/{certificate.code}.pdf", follow=True)
    assert response.status_code == 200
    assert "The PDF cannot be produced on this server right now." in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "original_images/../certificates/other-learner.pdf",
        "images/../certificates/other-learner.pdf",
        "original_images/%2e%2e/certificates/other-learner.pdf",
        "original_images/%2E%2E%2Fcertificates%2Fother-learner.pdf",
        "original_images/./../certificates/other-learner.pdf",
        "/original_images/../certificates/other-learner.pdf",
        "original_images//..//certificates/other-learner.pdf",
    ],
)
def test_media_urls_are_normalised_before_the_image_folder_check(path, settings):
    other = settings.MEDIA_ROOT / "certificates" / "other-learner.pdf"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_bytes(b"%PDF-another learner's certificate")
    with pytest.raises(ValueError):
        pdf.StaticFilesOnlyFetcher().fetch(f"media:{path}")


def test_a_symlink_in_an_image_folder_cannot_lead_out_of_it(settings):
    secret = settings.MEDIA_ROOT / "certificates" / "linked.pdf"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_bytes(b"%PDF-secret")
    link = settings.MEDIA_ROOT / "original_images" / "innocent.png"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(secret)
    with pytest.raises(ValueError):
        pdf.StaticFilesOnlyFetcher().fetch("media:original_images/innocent.png")


def test_the_academys_logo_is_printed_when_no_template_is_chosen(monkeypatch):
    fetched = fetching(monkeypatch)
    html = pdf.certificate_html(unsaved_certificate(), "https://x/")
    pdf.certificate_pdf(unsaved_certificate(), "https://x/")
    assert '<img class="logo" src="static:lms/logo.svg" alt="Cybercrime Academy">' in html
    assert fetched == [SITE_LOGO]


def test_a_templates_own_logo_replaces_the_academys(monkeypatch):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from certificates.models import CertificateTemplate

    logo = get_image_model().objects.create(title="logo", file=get_test_image_file())
    template = CertificateTemplate.objects.create(
        name="Programme", programme_name="Justice Training Centre", logo=logo
    )
    fetched = fetching(monkeypatch)
    pdf.certificate_pdf(unsaved_certificate(), "https://x/", template)
    assert fetched == [f"media:{logo.file.name}"]


@needs_pdftotext
def test_a_french_certificate_prints_the_french_title_and_both_signatories():
    from certificates.models import CertificateTemplate

    template = CertificateTemplate.objects.create(
        name="Académie", programme_name="Académie de police",
        signatory_1_name="Awa Diallo", signatory_1_title="Directrice des études",
        signatory_2_name="Jean Martin", signatory_2_title="Coordinateur du programme",
    )  # fmt: skip
    certificate = unsaved_certificate(
        language="fr", course_title="Enquêtes sur les cryptomonnaies", hours=6
    )
    text = " ".join(text_of(pdf.certificate_pdf(certificate, "https://x/", template)).split())
    assert "Certificat de réussite" in text and "a terminé le cours" in text
    assert "Enquêtes sur les cryptomonnaies" in text
    assert "Awa Diallo" in text and "Directrice des études" in text
    assert "Jean Martin" in text and "Coordinateur du programme" in text


def test_signatories_names_and_titles_are_escaped():
    from certificates.models import CertificateTemplate

    template = CertificateTemplate(
        name="x", programme_name="<b>Programme</b>",
        signatory_1_name='<img src="file:///etc/passwd">', signatory_1_title="<script>x</script>",
        signatory_2_name="Ana", signatory_2_title='" onload="x',
    )  # fmt: skip
    html = pdf.certificate_html(unsaved_certificate(), "https://x/", template)
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html
    assert "&lt;b&gt;Programme&lt;/b&gt;" in html
    assert "&quot; onload=&quot;x" in html
