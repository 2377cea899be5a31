"""Programme managers set a certificate template's logo and two signatories in the admin."""

import pytest

from certificates.models import CertificateTemplate
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/certificates/certificatetemplate/add/"


@pytest.fixture
def manager_client(client):
    client.force_login(factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True))
    return client


def test_the_form_groups_issuer_and_each_signatory(manager_client):
    html = manager_client.get(ADD_URL).content.decode()
    for heading in ("Issuer", "First signatory", "Second signatory"):
        assert heading in html
    assert "Empty: the academy&#x27;s logo." in html or "Empty: the academy's logo." in html


def test_a_manager_saves_a_template_with_two_signatories(manager_client):
    response = manager_client.post(
        ADD_URL,
        {
            "name": "Police academy", "programme_name": "Police Academy of Lusaka",
            "signatory_1_name": "Grace Banda", "signatory_1_title": "Commandant",
            "signatory_2_name": "<b>Bold</b> Phiri", "signatory_2_title": "Head of Training",
        },
    )  # fmt: skip
    assert response.status_code == 302
    template = CertificateTemplate.objects.get(name="Police academy")
    assert [(name, title) for name, title, _ in template.signatories] == [
        ("Grace Banda", "Commandant"),
        ("<b>Bold</b> Phiri", "Head of Training"),
    ]


def test_the_preview_draws_a_sample_certificate_with_the_unsaved_template(
    manager_client, django_assert_max_num_queries
):
    """The editor's preview panel posts the form, then shows what it draws (Wagtail's
    preview views); nothing is saved, and the page keeps its own styles under the policy."""
    preview_url = "/admin/snippets/certificates/certificatetemplate/preview/"
    form = {
        "name": "Police academy", "programme_name": "Police <i>Academy</i> of Lusaka",
        "signatory_1_name": "Grace Banda", "signatory_1_title": "Commandant",
        "signatory_2_name": "", "signatory_2_title": "",
    }  # fmt: skip
    assert manager_client.post(preview_url, form).json()["is_valid"]
    with django_assert_max_num_queries(10):
        response = manager_client.get(preview_url)
    html = response.content.decode()
    assert "Police &lt;i&gt;Academy&lt;/i&gt; of Lusaka" in html
    assert "Grace Banda" in html and "Commandant" in html
    assert "Name of the learner" in html and "Title of the course" in html
    assert 'src="/static/lms/logo.svg"' in html  # the academy's logo, from the site
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"  # the public site's policy, framed
    assert directives["style-src"] == "'self' 'unsafe-inline'"  # and the page's own style
    assert not CertificateTemplate.objects.exists()
