"""Mentoring's pieces on pages drawn by lower apps: the question form, the FAQ, My questions.

Courses and assessments do not import mentoring; their templates load these tags instead.
Each tag costs at most one query.
"""

from django import template

from mentoring import selectors
from mentoring.models import QUESTION_MAX_LENGTH

register = template.Library()


@register.inclusion_tag("mentoring/includes/ask_form.html", takes_context=True)
def mentor_ask_form(context, *, course_id=None, page=None, attempt=None):
    """The "Ask a mentor" form, for a learner enrolled in ``course_id`` whose course takes
    questions; nothing otherwise."""
    request = context["request"]
    if attempt is not None and course_id is None and attempt.learner_id == request.user.pk:
        course_id = selectors.attempt_course_id(attempt=attempt)
    shown = selectors.may_ask(user=request.user, course_id=course_id)
    return {
        "shown": shown,
        "page": page,
        "attempt": attempt,
        "next": request.get_full_path(),
        "max_length": QUESTION_MAX_LENGTH,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("mentoring/includes/faq.html", takes_context=True)
def course_faq(context, *, course_id=None):
    """The course's published questions and answers (``course_id``: the enrolment's course)."""
    return {"entries": selectors.faq_for(course_id=course_id)}


@register.inclusion_tag("mentoring/includes/my_questions.html", takes_context=True)
def my_questions(context):
    """The learner's latest questions with their answers (the dashboard's section)."""
    user = context["request"].user
    return {
        "questions": selectors.own_questions_for(
            user=user, limit=selectors.MY_QUESTIONS_ON_DASHBOARD
        )
    }
