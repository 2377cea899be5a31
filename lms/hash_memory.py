"""Sign-ins without a hundred megabytes of fresh pages each: keep Argon2's memory in the worker.

Django's Argon2 hasher (the first in ``PASSWORD_HASHERS``) fills about 100 MiB for every
password it checks. glibc hands an allocation that large straight to the kernel (``mmap``) and
returns it when it is freed, so every sign-in also makes the kernel map and zero some 25,000
pages: on the 2-core machine of docs/performance.md that was about a quarter of a sign-in's
CPU, and sign-ins were half of the exam-morning load test's. Raising glibc's mmap threshold
above the hash's size makes the block come from the process's heap, and raising its trim
threshold keeps it there for the next sign-in. A thread's allocations come from an arena of
its own, whose heaps glibc caps at 64 MiB and so cannot hold the block; limiting the process to
the main arena brings the threads of a ``--threads`` worker under the same rule (the GIL
already serialises almost all of Python's calls to malloc, so they lose nothing to sharing it).
The cost: each web worker holds that memory from its first sign-in on (about 100 MiB with
Django's default cost).

``config/wsgi.py`` calls :func:`keep_for_password_hashes` when ``LMS_KEEP_HASH_MEMORY`` is on
(the default in production). Nothing changes where the C library has no ``mallopt`` (musl, for
instance): the function says so and the platform runs as before.
"""

import ctypes
import ctypes.util

# mallopt's parameter numbers, from glibc's malloc.h.
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
# Room above the hash's own memory for what Argon2 allocates beside it.
MARGIN = 16 * 1024 * 1024


def _libc():
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name) if name else None


def hash_memory_bytes() -> int:
    """What the first password hasher fills for one password: 0 unless it is Argon2."""
    from django.contrib.auth.hashers import get_hasher

    hasher = get_hasher()
    return int(getattr(hasher, "memory_cost", 0)) * 1024 if hasher.algorithm == "argon2" else 0


def keep_for_password_hashes(libc=None) -> bool:
    """Make this process keep the password hasher's memory between sign-ins. Whether it did."""
    size = hash_memory_bytes()
    if not size:
        return False
    libc = libc if libc is not None else _libc()
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is None:
        return False
    threshold = size + MARGIN
    # The trim threshold first: the heap must not shrink below the block it is about to hold.
    # Threads started from now on (gunicorn's --threads pool starts after the application is
    # loaded) share the main arena.
    return all(
        mallopt(parameter, value)
        for parameter, value in (
            (M_TRIM_THRESHOLD, 2 * threshold),
            (M_MMAP_THRESHOLD, threshold),
            (M_ARENA_MAX, 1),
        )
    )
