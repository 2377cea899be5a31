"""The course outline beside a lesson, a quiz or a discussion case, rendered cheaply.

Rendering ``courses/includes/outline.html`` for every request of every learner cost more than
reading the outline: a ``{% pageurl %}`` and a handful of ``{% translate %}`` for each of a
course's steps. What does not depend on the learner (each step's link and title, its kind and
whether it is optional, each module's heading) is rendered once per course, language, site and
publication generation (``lms.page_cache``), kept in the default cache, and a request only
adds what is the learner's: done, to do, locked, the current step, each module's lock note and
counts. The HTML is the same as the template's (the syllabus on the course page still uses
the template, with its dates and study times).
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

SECONDS = 24 * 60 * 60  # an upper bound: a publish retires the entry before that


@dataclass(frozen=True)
class StepHtml:
    """What never changes for a step until the next publish."""

    link: str  # the title as a link, without the closing of the opening tag's attributes
    title: str  # the title alone, for a locked step
    badges: str  # its kind and "optional"
    free_preview: bool


def _static_parts(outline, request) -> dict:
    """Each module's heading and each step's fixed HTML, by page id: kept until a publish."""
    host = request.get_host() if request is not None else ""
    # The outline's own generation, not the current one: a publish between reading the
    # outline and this would otherwise keep these parts, built from the older outline, under
    # the newer generation.
    key = f"sidebar:{outline.generation}:{get_language()}:{host}:{outline.course.path}"
    parts = cache.get(key)
    wanted = [module.page.pk for module in outline.modules]
    wanted += [item.page.pk for item in outline.lessons]
    if parts is not None and all(pk in parts for pk in wanted):
        return parts
    quiz, case, optional = _("quiz"), _("discussion case"), _("optional")
    live = _("live session")
    parts = {}
    for module in outline.modules:
        parts[module.page.pk] = format_html("<h3>{}</h3>", module.page.title)
        for item in module.lessons:
            badges = ""
            if item.is_quiz:
                badges = format_html('<span class="badge">{}</span>', quiz)
            elif item.is_discussion:
                badges = format_html('<span class="badge">{}</span>', case)
            elif item.is_live_session:
                badges = format_html('<span class="badge">{}</span>', live)
            if not item.page.required:
                badges += format_html('<span class="badge">{}</span>', optional)
            parts[item.page.pk] = StepHtml(
                link=format_html('<a href="{}"', item.page.get_url(request)),
                title=format_html("{}", item.page.title),
                badges=str(badges),
                free_preview=bool(getattr(item.page, "free_preview", False)),
            )
    cache.set(key, parts, SECONDS)
    return parts


def _lessons_done(total):
    return ngettext(
        "%(done)s of %(total)s lesson done", "%(done)s of %(total)s lessons done", total
    )


def _quizzes_passed(total):
    return ngettext(
        "%(done)s of %(total)s quiz passed", "%(done)s of %(total)s quizzes passed", total
    )


def _cases_answered(total):
    return ngettext(
        "%(done)s of %(total)s discussion case answered",
        "%(done)s of %(total)s discussion cases answered",
        total,
    )


def _sessions_attended(total):
    return ngettext(
        "%(done)s of %(total)s live session attended",
        "%(done)s of %(total)s live sessions attended",
        total,
    )


def step_counts_html(steps) -> str:
    """What a learner has done of a module's or a course's steps (a ``StepCounts``), as "2 of
    3 lessons done · 1 of 1 quiz passed", kinds absent from it left out. Python rather than a
    template because the sidebar asks it for every module on every request."""
    counts = (
        (steps.lessons, steps.lessons_done, _lessons_done),
        (steps.quizzes, steps.quizzes_done, _quizzes_passed),
        (steps.discussions, steps.discussions_done, _cases_answered),
        (steps.live_sessions, steps.live_sessions_done, _sessions_attended),
    )
    phrases = [
        f"<span>{escape(phrase(total) % {'done': done, 'total': total})}</span>"
        for total, done, phrase in counts
        if total
    ]
    return mark_safe(f'<span class="step-counts">{" · ".join(phrases)}</span>')  # noqa: S308


def outline_html(outline, *, current, request) -> str:
    """The sidebar's outline for ``outline`` (a ``CourseOutline``), ``current`` marked."""
    parts = _static_parts(outline, request)
    enrolled = outline.is_enrolled
    done_words = {
        "quiz": escape(_("passed")),
        "discussion": escape(_("replied")),
        "lesson": escape(_("done")),
        "live": escape(_("attended")),
    }
    to_do, preview = escape(_("to do")), escape(_("free preview"))
    current_pk = getattr(current, "pk", None)
    in_browser = outline.keeps_progress_in_browser
    if in_browser:
        # A visitor of an open course: the page script marks what their browser kept.
        html = [format_html('<ol class="outline" data-open-done-label="{}">', _("done"))]
    else:
        html = ['<ol class="outline">']
    for module in outline.modules:
        classes = "outline-module"
        if module.lock:
            classes += " is-locked"
        if enrolled and module.is_complete:
            classes += " is-complete"
        html.append(f'<li class="{classes}">{parts[module.page.pk]}')
        if module.lock:
            html.append(format_html('<p class="lock-note">{}</p>', module.lock.message))
        elif enrolled:
            html.append(f'<p class="meta">{step_counts_html(module.steps)}</p>')
        html.append("<ol>")
        for item in module.lessons:
            step = parts[item.page.pk]
            is_current = item.page.pk == current_pk
            classes = "is-done" if item.done else ""
            if is_current:
                classes += " is-current"
            if in_browser and item.is_lesson:
                key = escape(item.page.translation_key)
                html.append(f'<li class="{classes}" data-open-step="{key}">')
            else:
                html.append(f'<li class="{classes}">')
            if item.locked and not step.free_preview:
                html.append(f"<span>{step.title}</span>")
            else:
                current_attribute = ' aria-current="page"' if is_current else ""
                html.append(f"{step.link}{current_attribute}>{step.title}</a>")
            html.append(step.badges)
            if item.done:
                kind = (
                    "quiz"
                    if item.is_quiz
                    else "discussion"
                    if item.is_discussion
                    else "live"
                    if item.is_live_session
                    else "lesson"
                )
                html.append(f'<span class="badge badge-done">{done_words[kind]}</span>')
            elif enrolled and not item.locked:
                html.append(f'<span class="badge">{to_do}</span>')
            elif step.free_preview:
                html.append(f'<span class="badge badge-preview">{preview}</span>')
            html.append("</li>")
        html.append("</ol></li>")
    html.append("</ol>")
    return mark_safe("".join(html))  # noqa: S308 - every part above is escaped
