"""Hostile credential files on the public verification page: an answer, never a 500, and
nothing written."""

import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from certificates.models import Certificate
from coordination.models import AuditEvent

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["@context", "type", "proof", "id", "credentialStatus", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)
credential_files = st.one_of(
    json_values.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=200),
    st.integers(min_value=1, max_value=200_000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.integers(min_value=1, max_value=200_000).map(lambda depth: b'{"a":' * depth),
)


@pytest.mark.django_db
def test_hostile_credential_files_get_an_answer_and_change_nothing(client):
    @settings(max_examples=200, deadline=None, derandomize=True)
    @given(data=credential_files)
    def upload(data):
        cache.clear()  # the page is rate-limited per client; the parser is what is tested
        before = Certificate.objects.count(), AuditEvent.objects.count()
        response = client.post(
            "/en/verify/", {"credential": SimpleUploadedFile("c.json", data, "application/json")}
        )
        assert response.status_code < 500
        assert (Certificate.objects.count(), AuditEvent.objects.count()) == before

    upload()
