"""Assign every coordinator of an existing cohort to that cohort's course.

Course assignment came after cohorts (issue 12). Without this step, every coordinator of a
database made before it (the demo coordinator among them) would lose their cohorts at once.
"""

from django.db import migrations


def assign_cohort_coordinators(apps, schema_editor):
    Cohort = apps.get_model("courses", "Cohort")
    CourseAssignment = apps.get_model("coordination", "CourseAssignment")
    pairs = set(
        Cohort.coordinators.through.objects.values_list("cohort__course_id", "user_id")
    )
    existing = set(CourseAssignment.objects.values_list("course_id", "coordinator_id"))
    CourseAssignment.objects.bulk_create(
        CourseAssignment(course_id=course_id, coordinator_id=user_id)
        for course_id, user_id in sorted(pairs - existing)
    )


class Migration(migrations.Migration):
    dependencies = [("coordination", "0002_course_assignment")]

    operations = [migrations.RunPython(assign_cohort_coordinators, migrations.RunPython.noop)]
