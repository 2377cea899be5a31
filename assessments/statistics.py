"""Item statistics for trainers: facility and discrimination. Pure functions on numbers."""

import math
from collections.abc import Sequence


def facility(item_scores: Sequence[float]) -> float | None:
    """The mean score on a question, 0 to 1: the share of the marks learners got."""
    return sum(item_scores) / len(item_scores) if item_scores else None


def _pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    if var_x == 0 or var_y == 0:
        return None
    return cov / math.sqrt(var_x * var_y)


def discrimination(item_scores: Sequence[float], rest_scores: Sequence[float]) -> float | None:
    """Corrected item-total correlation, -1 to 1.

    How well a question separates learners who do well on the rest of the quiz from those who
    do not: the Pearson correlation between the score on the question and the score on all
    the other questions (leaving the question out avoids correlating it with itself). Above
    about 0.3 is good; near 0 or negative means the question needs a look. None with fewer
    than three attempts or no spread.
    """
    return _pearson(item_scores, rest_scores)


def distribution(scores: Sequence[float], bins: int = 10) -> list[int]:
    """How many scores (0 to 1) fall in each of ``bins`` equal bands; 1.0 goes in the last."""
    counts = [0] * bins
    for score in scores:
        counts[min(bins - 1, int(score * bins))] += 1
    return counts
