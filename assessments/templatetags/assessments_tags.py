"""Template filters for quiz scores."""

from django import template

from assessments.grading import score_percent as _score_percent

register = template.Library()


@register.filter
def score_percent(fraction):
    """A score (a fraction of 1) as a whole percentage, by ``grading.score_percent``."""
    return _score_percent(fraction)
