"""Page models serve through ``courses.serving``, never through a view module."""

import ast
import inspect

import pytest

from assessments.models import QuizPage
from courses.models import LessonPage
from discussions.models import DiscussionPage


def _imports(function) -> set[str]:
    tree = ast.parse(inspect.getsource(function).lstrip().replace("\n    ", "\n"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


@pytest.mark.parametrize("model", [LessonPage, QuizPage, DiscussionPage])
def test_a_page_model_serves_without_importing_a_view(model):
    imported = _imports(model.serve)
    assert "courses.serving" in imported
    assert not any(name.startswith("courses.views") for name in imported)
