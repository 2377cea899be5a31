"""Discussion cases whose reply counts towards completion (a courses.completion provider)."""


class RequiredDiscussions:
    key = "discussions"
    model = "discussions.DiscussionPage"

    def done_keys(self, *, learner_ids, keys) -> dict[int, set]:
        """Cases each learner has replied to, with a reply a moderator has not hidden."""
        from discussions.models import Reply

        done: dict[int, set] = {}
        for learner_id, key in Reply.objects.filter(
            author_id__in=learner_ids,
            discussion__translation_key__in=keys,
            hidden_at__isnull=True,
        ).values_list("author_id", "discussion__translation_key"):
            done.setdefault(learner_id, set()).add(key)
        return done
