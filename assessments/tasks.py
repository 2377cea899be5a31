"""Background work of assessments (django-tasks)."""

from django_tasks import task


@task()
def question_regrade_task(question_id: int) -> int:
    """Regrade the submitted attempts that contain a question a trainer has just fixed."""
    from assessments import services
    from assessments.models import Question

    question = Question.objects.filter(pk=question_id).first()
    if question is None:  # deleted since: its attempts keep their grades
        return 0
    return services.question_regrade(question=question)
