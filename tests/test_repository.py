"""The repository stands on its own: no file reaches outside it, and the test data is used.

A clone with nothing beside it must pass its own suite, so nothing tracked may point above
the repository root (a ``../`` that climbs past it, a ``Path(__file__).parents[n]`` that does),
and the third-party data in tests/data is kept only while a test reads it.
"""

import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
CLIMB = re.compile(r"(?:\.\./)+[\w.\-/]*")
PARENTS = re.compile(r"Path\(__file__\)(?:\.resolve\(\))?\.parents\[(\d+)\]")
TEXT_SUFFIXES = {
    ".py", ".md", ".sh", ".toml", ".txt", ".html", ".css", ".js", ".yaml", ".yml", ".json",
    ".cfg", ".ini", "",
}  # fmt: skip


def tracked_files() -> list[Path]:
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / name for name in listing.split("\0") if name]


def escapes(path: Path, text: str) -> list[str]:
    """Relative paths in ``text`` that climb above the repository root from ``path``, or that
    name nothing in it (``../notes/x.md`` written from a folder one level down, meaning a
    folder beside the repository). Tests may use such paths as hostile input, so for them
    only a climb past the root counts."""
    depth = len(path.relative_to(ROOT).parent.parts)
    is_test = path.relative_to(ROOT).parts[0] == "tests"
    found = []
    for match in CLIMB.finditer(text):
        target = (path.parent / match.group(0)).resolve()
        outside = match.group(0).count("../") > depth
        if outside or (not is_test and not target.exists()):
            found.append(match.group(0))
    if path.suffix == ".py":
        found += [m.group(0) for m in PARENTS.finditer(text) if int(m.group(1)) > depth]
    return found


def test_no_tracked_file_refers_above_the_repository_root():
    problems = {}
    for path in tracked_files():
        if path.suffix not in TEXT_SUFFIXES or DATA in path.parents or not path.is_file():
            continue
        if path == Path(__file__).resolve():  # its examples climb on purpose
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if found := escapes(path, text):
            problems[str(path.relative_to(ROOT))] = found
    assert problems == {}


def test_the_escape_check_catches_a_climb_past_the_root():
    doc = ROOT / "docs" / "guides" / "x.md"
    assert escapes(doc, "see ../authoring.md and ../../README.md") == []
    assert escapes(doc, "see ../../../etc/passwd") == ["../../../etc/passwd"]
    assert escapes(ROOT / "docs" / "x.md", "in ../notes/GUIDE.md") == ["../notes/GUIDE.md"]
    assert escapes(ROOT / "x.md", "in ../notes/GUIDE.md") == ["../notes/GUIDE.md"]
    assert escapes(ROOT / "tests" / "a" / "b.py", "from ../../../data") == ["../../../data"]
    module = ROOT / "tests" / "corpus.py"
    assert escapes(module, "Path(__file__).resolve().parents[1]") == []
    assert escapes(module, 'Path(__file__).resolve().parents[2] / "notes"') == [
        "Path(__file__).resolve().parents[2]"
    ]


def test_every_test_data_file_is_read_by_a_test_and_has_a_source():
    """A file in tests/data is named by a test (or by the contexts index the tests load), and
    the folder's LICENSES.md names its upstream; anything else is dead weight to remove."""
    sources = "\n".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "tests").rglob("*.py")
    )
    sources += json.dumps(json.loads((DATA / "openbadges/contexts/index.json").read_text()))
    licences = (DATA / "LICENSES.md").read_text(encoding="utf-8")
    unused, unlisted = [], []
    for path in DATA.rglob("*"):
        relative = path.relative_to(DATA)
        if path.is_dir() or relative.parts[0] == "licences" or path.name == "LICENSES.md":
            continue
        if path.name not in sources and path.name != "index.json":
            unused.append(str(relative))
        if relative.parts[0] not in licences:
            unlisted.append(str(relative))
    assert (unused, unlisted) == ([], [])


def run_with_lib(body: str) -> int:
    """Exit status of a bash script that sources scripts/lib.sh and then runs ``body``."""
    script = f'source "{ROOT}/scripts/lib.sh"\n{body}\n'
    return subprocess.run(["bash", "-c", script], capture_output=True, timeout=30).returncode


def test_cleaning_up_at_exit_keeps_the_scripts_result():
    # The cleanup of scripts/test stops background jobs; with none left, `kill` exits 2 and
    # a plain EXIT trap under `set -e` turned a run whose every check passed into a failure.
    cleanup = "at_exit 'stop_background_jobs; false'"
    assert run_with_lib(f"{cleanup}\ntrue") == 0
    assert run_with_lib(f"{cleanup}\nsleep 30 &\ntrue") == 0
    assert run_with_lib(f"{cleanup}\nexit 3") == 3
    assert run_with_lib(f"{cleanup}\nfalse") == 1


def test_the_cleanup_runs_when_the_script_fails():
    marker = subprocess.run(["mktemp", "-u"], capture_output=True, text=True).stdout.strip()
    assert run_with_lib(f"at_exit 'touch {marker}'\nfalse\necho unreachable") == 1
    assert Path(marker).exists()
    Path(marker).unlink()


def run_lib_output(body: str) -> subprocess.CompletedProcess:
    script = f'source "{ROOT}/scripts/lib.sh"\n{body}\n'
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=30)


def test_a_stage_waits_for_its_marker_even_from_a_subshell(tmp_path):
    # scripts/test starts the browser and PostgreSQL stages in subshells, which cannot `wait`
    # for the job that seeds their database: they watch for its marker instead.
    job = f"(sleep 0.5; touch {tmp_path}/demo.ready) &\nJOB=$!\n"
    assert run_with_lib(job + f'marker_wait "{tmp_path}" demo "$JOB"') == 0
    (tmp_path / "demo.ready").unlink()
    assert (
        run_with_lib(
            job + f'(marker_wait "{tmp_path}" demo "$JOB") && test -e {tmp_path}/demo.ready'
        )
        == 0
    )


def test_a_stage_whose_database_job_failed_stops_and_shows_the_jobs_log(tmp_path):
    job = f"(echo 'migration 0042 failed' > {tmp_path}/pg.log; exit 1) &\nJOB=$!\n"
    result = run_lib_output(job + f'(marker_wait "{tmp_path}" pg "$JOB") || exit 7\necho reached')
    assert result.returncode == 7
    assert "migration 0042 failed" in result.stderr
    assert "reached" not in result.stdout


def test_a_stage_that_selects_nothing_passes_and_a_failed_stage_keeps_its_status():
    # pytest exits 5 when a -k filter given to scripts/test selects nothing in one stage.
    assert run_with_lib("run_pytest bash -c 'exit 5'") == 0
    assert run_with_lib("run_pytest bash -c 'exit 1'") == 1
    # A failed stage does not end the script: the others' reports are still shown.
    assert run_with_lib("run_pytest bash -c 'exit 2' || RC=$?\necho shown\nexit $RC") == 2
