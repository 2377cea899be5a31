"""Live sessions under a module count towards completion for those who attended
(a courses.completion provider)."""

from courses.completion import done_keys, done_query, rows_done


class AttendedSessions:
    key = "live_sessions"
    model = "live.LiveSessionPage"
    # Listed in the course outline (courses.completion.listed_providers), so that the outline's
    # percentage and the course's completion count the same steps.
    outline_fields = ("starts_at", "duration_minutes")

    def done_rows(self, *, learner_ids, keys):
        """Sessions each learner attended (a trainer's tick or the imported attendance list).
        Registrations point at the session page a learner registered on; attendance counts in
        every language, so it is matched by the page's ``translation_key``."""
        from live.models import Registration

        return done_query(
            Registration.objects.filter(
                user_id__in=learner_ids, attended=True, session__translation_key__in=keys
            ),
            learner="user_id",
            key="session__translation_key",
            kind=self.key,
        )

    def done_from(self, rows) -> dict[int, set]:
        return rows_done(rows)

    def done_keys(self, *, learner_ids, keys) -> dict[int, set]:
        return done_keys(self, learner_ids=learner_ids, keys=keys)
