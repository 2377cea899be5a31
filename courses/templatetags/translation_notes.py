"""The note on a translated page whose English original changed after it was translated."""

from django import template

from courses.translation import outdated_translation_for

register = template.Library()


@register.inclusion_tag("courses/includes/translation_note.html", takes_context=True)
def translation_note(context, page):
    """Nothing on a page in the default language; one query on a translated page."""
    return {"request": context.get("request"), "outdated": outdated_translation_for(page)}
