"""``open: true`` in course.yaml: a course open to everyone (issue 19)."""

import pytest
from django.core.management import CommandError

from curriculum.reader import programme_read
from tests.curriculum.conftest import yaml_edit
from tests.curriculum.test_check_content import check


def make_open(data, **more):
    data.update({"open": True, "pacing": "self", "requires_approval": False, **more})


def errors(programme_dir) -> list[str]:
    return [str(problem) for problem in programme_read(programme_dir).errors]


def test_a_course_is_not_open_unless_its_file_says_so(programme_dir):
    assert programme_read(programme_dir).course["is_open"] is False


def test_open_true_makes_an_open_course(programme_dir):
    yaml_edit(programme_dir / "course.yaml", make_open)
    programme = programme_read(programme_dir)
    assert programme.errors == []
    assert programme.course["is_open"] is True


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"pacing": "cohort"}, "an open course cannot be cohort-paced"),
        ({"requires_approval": True}, "an open course cannot require approval"),
    ],
)
def test_an_open_course_cannot_be_cohort_paced_or_need_approval(programme_dir, change, words):
    yaml_edit(programme_dir / "course.yaml", lambda data: make_open(data) or data.update(change))
    assert any(words in error for error in errors(programme_dir))


def test_open_must_be_true_or_false(programme_dir):
    yaml_edit(programme_dir / "course.yaml", lambda data: make_open(data) or data.update(open=3))
    assert any("open" in error for error in errors(programme_dir))


def test_check_content_accepts_an_open_course(content_dir, programme_dir):
    yaml_edit(programme_dir / "course.yaml", make_open)
    assert "0 errors" in check(content_dir)


def test_check_content_refuses_an_open_cohort_paced_course(content_dir, programme_dir):
    yaml_edit(programme_dir / "course.yaml", lambda data: make_open(data, pacing="cohort"))
    with pytest.raises(CommandError, match="1 errors"):
        check(content_dir)


@pytest.mark.django_db
@pytest.mark.engine_sensitive
def test_the_loader_makes_the_course_page_open_and_closes_it_again(programme_dir, load):
    yaml_edit(programme_dir / "course.yaml", make_open)
    course = load().course
    course.refresh_from_db()
    assert course.is_open
    assert (course.pacing, course.enrolment) == ("self", "open")

    yaml_edit(programme_dir / "course.yaml", lambda data: data.update(open=False))
    course = load().course
    course.refresh_from_db()
    assert not course.is_open
