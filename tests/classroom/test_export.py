"""The classroom bundle of a cohort: signed, complete, no passwords, codes only as hashes."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command

from classroom import bundle as bundles
from classroom import services

pytestmark = pytest.mark.django_db


def _manifest_and_files(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read("manifest.json")), {
            name: archive.read(name) for name in archive.namelist()
        }


def test_the_bundle_holds_the_course_in_the_chosen_languages_and_the_cohort(classroom_world):
    export = services.classroom_export(cohort=classroom_world["cohort"], languages=["en", "fr"])
    manifest, files = _manifest_and_files(export.data)
    assert manifest["kind"] == "classroom"
    assert manifest["languages"] == ["en", "fr"]
    assert manifest["platform"]["id"] == services.platform_id()
    assert manifest["cohort_id"] == classroom_world["cohort"].pk
    rows = json.loads(files["files/" + services.CONTENT_PATH])
    models = {row["model"] for row in rows}
    assert {"wagtailcore.page", "courses.coursepage", "assessments.quizpage"} <= models
    assert {"assessments.question", "assessments.quizquestion"} <= models
    titles = {row["fields"].get("title") for row in rows if row["model"] == "wagtailcore.page"}
    assert "Field triage" in titles
    locales = {
        row["fields"]["language_code"] for row in rows if row["model"] == "wagtailcore.locale"
    }
    assert locales == {"en", "fr"}
    cohort = json.loads(files["files/" + services.COHORT_PATH])[0]
    assert [learner["email"] for learner in cohort["learners"]] == [
        "awa@example.org",
        "joao@example.org",
    ]
    text = files["files/" + services.COHORT_PATH].decode()
    assert "password" not in text
    for code in export.codes:
        assert code.code not in text
        assert services.code_hash(code.code) in text


def test_only_the_chosen_languages_travel(classroom_world):
    export = services.classroom_export(cohort=classroom_world["cohort"], languages=["en"])
    _manifest, files = _manifest_and_files(export.data)
    rows = json.loads(files["files/" + services.CONTENT_PATH])
    assert {r["fields"]["language_code"] for r in rows if r["model"] == "wagtailcore.locale"} == {
        "en"
    }


def test_an_unknown_language_is_refused(classroom_world):
    with pytest.raises(services.ClassroomError):
        services.classroom_export(cohort=classroom_world["cohort"], languages=["xx"])


def test_the_command_writes_the_bundle_and_the_code_sheets(classroom_world, tmp_path):
    out = tmp_path / "room.zip"
    stdout = io.StringIO()
    call_command(
        "classroom",
        "export",
        "--cohort",
        str(classroom_world["cohort"].pk),
        "--language",
        "en",
        "--language",
        "fr",
        "--out",
        str(out),
        stdout=stdout,
    )
    assert f"{out.stat().st_size} bytes" in stdout.getvalue()
    assert services.platform_public_key() in stdout.getvalue()
    sheets = (tmp_path / "room.codes.html").read_text()
    assert sheets.count('class="sheet"') == 2
    assert "Votre code de classe" not in sheets  # both learners read English
    bundles.read_bundle(
        out.read_bytes(),
        kind="classroom",
        platform_id=services.platform_id(),
        trusted_signer=lambda key: key == services.platform_public_key(),
        already_imported=lambda bundle_id: False,
    )
