"""Step mode of the load test (tests/load/locustfile.py): how fast each step's newcomers
arrive. Run in a subprocess, because importing Locust patches the standard library (gevent)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
sys.path.insert(0, {root!r})
import importlib.util
spec = importlib.util.spec_from_file_location("locustfile", {root!r} + "/tests/load/locustfile.py")
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
shape = module.Steps()
answers = []
for second in (0, 59, 61, 250):
    shape.get_run_time = lambda second=second: second
    answers.append(shape.tick())
print(json.dumps(answers))
"""


def _ticks(tmp_path, ramp: str) -> list:
    (tmp_path / "scenario.json").write_text("{}")
    env = {
        "LMS_LOAD_SCENARIO": str(tmp_path / "scenario.json"),
        "LMS_LOAD_RECORD": str(tmp_path / "record.jsonl"),
        "LMS_LOAD_RAMP": ramp,
        "LMS_LOAD_STEPS": str(tmp_path / "steps.json"),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(root=str(ROOT))],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_step_arrives_at_the_rate_asked(tmp_path):
    # 100 learners (and 25 visitors) a step, arriving at 5 a second; the run ends after 200.
    assert _ticks(tmp_path, "100,60,200,5") == [[125, 5.0], [125, 5.0], [250, 5.0], None]


def test_without_a_rate_a_whole_step_arrives_at_once(tmp_path):
    assert _ticks(tmp_path, "100,60,200") == [[125, 100.0], [125, 100.0], [250, 100.0], None]
