"""Live sessions under a module count towards completion for those who attended
(a courses.completion provider)."""


class AttendedSessions:
    key = "live_sessions"
    model = "live.LiveSessionPage"

    def done_keys(self, *, learner_ids, keys) -> dict[int, set]:
        """Sessions each learner attended (a trainer's tick or the imported attendance list).
        Registrations point at the session page a learner registered on; attendance counts in
        every language, so it is matched by the page's ``translation_key``."""
        from live.models import Registration

        done: dict[int, set] = {}
        for learner_id, key in Registration.objects.filter(
            user_id__in=learner_ids,
            attended=True,
            session__translation_key__in=keys,
        ).values_list("user_id", "session__translation_key"):
            done.setdefault(learner_id, set()).add(key)
        return done
