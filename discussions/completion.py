"""Discussion cases whose reply counts towards completion (a courses.completion provider)."""


class RequiredDiscussions:
    key = "discussions"

    def required_items(self, course) -> set[int]:
        from discussions.models import DiscussionPage

        return set(
            DiscussionPage.objects.live()
            .descendant_of(course)
            .filter(required=True)
            .values_list("pk", flat=True)
        )

    def done_items(self, course, learner) -> set[int]:
        """Cases the learner has replied to, with a reply a moderator has not hidden."""
        from discussions.models import Reply

        return set(
            Reply.objects.filter(
                author=learner,
                discussion__path__startswith=course.path,
                discussion__live=True,
                discussion__required=True,
                hidden_at__isnull=True,
            ).values_list("discussion_id", flat=True)
        )
