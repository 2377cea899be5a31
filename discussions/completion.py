"""Discussion cases whose reply counts towards completion (a courses.completion provider)."""

from courses.completion import done_query, rows_done


class RequiredDiscussions:
    key = "discussions"
    model = "discussions.DiscussionPage"
    outline_fields = ()

    def done_rows(self, *, learner_ids, keys):
        """Cases each learner has replied to, with a reply a moderator has not hidden."""
        from discussions.models import Reply

        return done_query(
            Reply.objects.filter(
                author_id__in=learner_ids,
                discussion__translation_key__in=keys,
                hidden_at__isnull=True,
            ),
            learner="author_id",
            key="discussion__translation_key",
            kind=self.key,
        )

    def done_from(self, rows) -> dict[int, set]:
        return rows_done(rows)
