"""The production profile: Django's deploy check, required variables, cookie names."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def production_env(tmp_path):
    return _production_env(tmp_path)


def _production_env(folder: Path) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "k" * 10 + "production-secret-value-for-the-deploy-check-0123456789",
        "DJANGO_ALLOWED_HOSTS": "academy.example.org",
        "LMS_CREDENTIAL_SIGNING_KEY": "z7cJF935BxbrRFj6MwvbiAJhZ2r3GS8FwUF2J18noNQ24",
        "DATABASE_URL": f"sqlite:///{folder / 'deploy.sqlite3'}",
        # The check does not connect; it only reads which cache is configured.
        "DJANGO_CACHE_URL": "redis://127.0.0.1:6379/0",
    }


SHOWN = {
    "session_engine": "s.SESSION_ENGINE",
    "conn_max_age": "s.DATABASES['default']['CONN_MAX_AGE']",
    "page_cache_seconds": "s.LMS_PAGE_CACHE_SECONDS",
    "keep_hash_memory": "s.LMS_KEEP_HASH_MEMORY",
    "cookies": "[s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
    "s.CSRF_COOKIE_SECURE, s.LMS_TIME_ZONE_COOKIE_NAME, s.STORAGES['staticfiles']['BACKEND']]",
}


@pytest.fixture(scope="module")
def production_settings(tmp_path_factory) -> dict:
    """The values of ``SHOWN`` under the production profile with ``production_env`` as it is,
    read by one process for the tests below (each process takes 1 to 2 s to start Django)."""
    import json

    env = _production_env(tmp_path_factory.mktemp("production"))
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        + ", ".join(f"{name!r}: {expression}" for name, expression in SHOWN.items())
        + "}))"
    )
    result = _manage("shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_production_settings_pass_the_deploy_check(production_env):
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **production_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_when_the_shared_cache_is_the_database(production_env):
    production_env["DJANGO_CACHE_URL"] = "db://lms_cache"
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **production_env)
    assert result.returncode != 0
    assert "lms.W001" in result.stderr + result.stdout


def test_production_sessions_are_read_from_the_cache(production_settings):
    assert production_settings["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_production_keeps_database_connections_between_requests(
    production_env, production_settings
):
    assert production_settings["conn_max_age"] == 60
    show = "from django.conf import settings as s; print(s.DATABASES['default']['CONN_MAX_AGE'])"
    production_env["DATABASE_CONN_MAX_AGE"] = "0"
    assert _manage("shell", "-c", show, **production_env).stdout.split()[-1] == "0"


def test_production_keeps_the_password_hashers_memory_unless_told_not_to(
    production_env, production_settings
):
    assert production_settings["keep_hash_memory"] is True
    show = "from django.conf import settings as s; print(s.LMS_KEEP_HASH_MEMORY)"
    production_env["LMS_KEEP_HASH_MEMORY"] = "false"
    assert _manage("shell", "-c", show, **production_env).stdout.split()[-1] == "False"


def test_production_keeps_public_pages_in_the_shared_cache(production_settings):
    assert production_settings["page_cache_seconds"] == 300


def test_production_refuses_to_start_without_a_secret_key(production_env):
    production_env.pop("DJANGO_SECRET_KEY")
    result = _manage("check", **production_env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(production_env):
    production_env.pop("DJANGO_ALLOWED_HOSTS")
    result = _manage("check", **production_env)
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_cookies_use_the_host_prefix(production_settings):
    assert production_settings["cookies"] == [
        "__Host-lms_session",
        "__Host-lms_csrftoken",
        True,
        True,
        "__Host-lms_time_zone",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


def test_a_malformed_variable_is_reported_clearly(production_env):
    result = _manage("check", DJANGO_DEBUG="maybe", **production_env)
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_development_generates_and_keeps_a_secret_key(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.development", "LMS_VAR_DIR": str(tmp_path)}
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    runs = [_manage("shell", "-c", code, **env) for _ in range(2)]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr
    first, second = (run.stdout.split()[-1] for run in runs)
    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_a_credential_signing_key(production_env):
    production_env.pop("LMS_CREDENTIAL_SIGNING_KEY")
    result = _manage("check", **production_env)
    assert "LMS_CREDENTIAL_SIGNING_KEY must be set" in result.stderr


def _base_url(production_env) -> subprocess.CompletedProcess:
    return _manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.WAGTAILADMIN_BASE_URL)",
        **production_env,
    )


def test_production_takes_its_public_address_from_lms_base_url(production_env):
    result = _base_url({**production_env, "LMS_BASE_URL": "https://learn.example.org/"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "https://learn.example.org"


def test_production_derives_its_public_address_from_the_first_host(production_env):
    result = _base_url({**production_env, "LMS_BASE_URL": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "https://academy.example.org"


@pytest.mark.parametrize(
    "address", ["http://academy.example.org", "https://localhost", "http://127.0.0.1:8000"]
)
def test_production_refuses_a_public_address_that_is_not_public(production_env, address):
    result = _manage("check", **{**production_env, "LMS_BASE_URL": address})
    assert result.returncode != 0
    assert "LMS_BASE_URL must be the site's public https:// address" in result.stderr


def test_production_refuses_to_guess_the_address_from_a_wildcard_host(production_env):
    result = _manage("check", **{**production_env, "DJANGO_ALLOWED_HOSTS": ".example.org"})
    assert result.returncode != 0
    assert "LMS_BASE_URL must be set" in result.stderr
