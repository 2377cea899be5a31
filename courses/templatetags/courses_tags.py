"""Template helpers for courses: the knowledge-check answer a learner just sent, and study
times."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def knowledge_check_answer(context, value, block_id):
    """The choice picked for this knowledge check in the query string, or None.

    The form submits with GET (nothing is recorded), so feedback works without JavaScript.
    """
    request = context.get("request")
    if request is None or request.GET.get("check") != str(block_id):
        return None
    try:
        index = int(request.GET.get("answer", ""))
    except ValueError:
        return None
    choice = value.choice_at(index)
    return {"index": index, "choice": choice} if choice is not None else None


@register.simple_tag(takes_context=True)
def study_outline(context, outline, current):
    """The course outline beside a step, ``current`` marked (see ``courses.sidebar``)."""
    from courses.sidebar import outline_html

    return outline_html(outline, current=current, request=context.get("request"))


@register.filter
def shown_choices(value, block_id):
    """A knowledge check's choices as (index as written, choice) in their display order."""
    return value.shown_choices(block_id)


@register.filter
def study_time(minutes):
    """A number of minutes as a short, translated duration: "45 min", "2 h 30 min"."""
    from django.utils.translation import gettext as _

    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": rest}
    if not rest:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}
