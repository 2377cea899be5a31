"""Web workers keep the Argon2 hasher's memory between sign-ins (lms/hash_memory.py)."""

import importlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.test import override_settings

from lms import hash_memory

ROOT = Path(__file__).resolve().parents[2]
ARGON2_FIRST = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


class FakeLibc:
    def __init__(self, answer=1):
        self.calls = []
        self.answer = answer

    def mallopt(self, parameter, value):
        self.calls.append((parameter, value))
        return self.answer


@override_settings(PASSWORD_HASHERS=ARGON2_FIRST)
def test_the_thresholds_sit_above_what_one_hash_fills():
    libc = FakeLibc()
    assert hash_memory.keep_for_password_hashes(libc) is True
    size = hash_memory.hash_memory_bytes()
    assert size == 102_400 * 1024  # Django's Argon2 cost: 100 MiB
    calls = dict(libc.calls)
    assert calls[hash_memory.M_MMAP_THRESHOLD] > size
    assert calls[hash_memory.M_TRIM_THRESHOLD] >= 2 * calls[hash_memory.M_MMAP_THRESHOLD]
    assert calls[hash_memory.M_ARENA_MAX] == 1


@override_settings(PASSWORD_HASHERS=ARGON2_FIRST)
def test_a_c_library_without_mallopt_leaves_everything_as_it_was():
    assert hash_memory.keep_for_password_hashes(object()) is False


@override_settings(PASSWORD_HASHERS=ARGON2_FIRST)
def test_a_refused_setting_is_reported():
    assert hash_memory.keep_for_password_hashes(FakeLibc(answer=0)) is False


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_nothing_is_kept_for_a_hasher_that_needs_no_memory():
    libc = FakeLibc()
    assert hash_memory.keep_for_password_hashes(libc) is False
    assert libc.calls == []


@pytest.mark.parametrize("setting", [True, False])
def test_the_web_entry_point_keeps_the_memory_when_the_setting_says_so(monkeypatch, setting):
    called = []
    monkeypatch.setattr(hash_memory, "keep_for_password_hashes", lambda: called.append(True))
    import config.wsgi

    with override_settings(LMS_KEEP_HASH_MEMORY=setting):
        importlib.reload(config.wsgi)
    assert called == ([True] if setting else [])


# A child process checks a password three times, in a thread as a gunicorn --threads worker
# would, and reports the page faults of the last check: the kernel's count, which does not
# depend on how busy the machine is.
CHILD = textwrap.dedent(
    """
    import resource, sys, threading
    import django
    from django.conf import settings
    settings.configure(PASSWORD_HASHERS=[{hasher!r}])
    django.setup()
    from django.contrib.auth.hashers import check_password, make_password
    from lms.hash_memory import keep_for_password_hashes
    if sys.argv[1] == "kept":
        assert keep_for_password_hashes()
    encoded = make_password("a long enough passphrase")
    def sign_in():
        check_password("a long enough passphrase", encoded)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        check_password("a long enough passphrase", encoded)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
    thread = threading.Thread(target=sign_in)
    thread.start()
    thread.join()
    """
).format(hasher=ARGON2_FIRST[0])


def _faults(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return int(done.stdout.split()[-1])


def test_a_kept_hash_memory_saves_the_kernel_zeroing_fresh_pages_at_each_sign_in():
    pages = 102_400 * 1024 // 4096
    kept = _faults("kept")
    # Without the setting every check maps the hash's memory afresh: one fault a page, unless
    # the kernel backs it with huge pages; kept, the second check reuses the same pages.
    assert kept < pages / 20
    assert kept < _faults("default")
