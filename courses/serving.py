"""How a lesson, a quiz or a discussion case is served, shared by their page models.

The page models call ``lesson_serve`` from their ``serve``: a model may import this module,
never a view. Whoever may not read the page gets its locked template (the outline and a way
in); an enrolled learner's resume point moves to the lesson they open.
"""

from django.template.response import TemplateResponse

from courses import services


def lesson_serve(lesson, request, serve, *args, **kwargs):
    """Serve a lesson to whoever may read it; others get the lesson's outline and a way in.

    ``serve`` is Wagtail's ``Page.serve`` of the model (its ``get_context`` puts the
    ``study`` view, from ``courses.selectors.lesson_view_for``, in the context).
    """
    response = serve(request, *args, **kwargs)
    if getattr(request, "is_preview", False) or not isinstance(response, TemplateResponse):
        return response  # the admin's preview shows the whole lesson to its editors
    study = response.context_data["study"]
    if not study.may_read:
        response.template_name = "courses/lesson_locked.html"
        response.status_code = 200
        return response
    enrolment = study.outline.enrolment
    if enrolment is not None and study.lesson.is_lesson:
        services.lesson_visit(enrolment=enrolment, lesson=lesson)
    return response
