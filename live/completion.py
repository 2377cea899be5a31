"""Live sessions under a module count towards completion for those who attended
(a courses.completion provider)."""


class AttendedSessions:
    key = "live_sessions"

    def required_items(self, course) -> set[int]:
        from live.models import LiveSessionPage

        return set(
            LiveSessionPage.objects.live()
            .descendant_of(course)
            .filter(required=True)
            .values_list("pk", flat=True)
        )

    def done_items(self, course, learner) -> set[int]:
        from live.models import Registration

        return set(
            Registration.objects.filter(
                user=learner,
                attended=True,
                session__path__startswith=course.path,
                session__live=True,
                session__required=True,
            ).values_list("session_id", flat=True)
        )
