"""Link existing courses to their collection and let their trainers use it.

The curriculum loader has always made one collection per programme, named after the
programme, which is also the course's slug. Each English course whose slug names a top-level
collection is linked to it, and its trainers' group and the lead trainers get add, change
and choose on its images and documents. Other courses get a collection the next time they are
published (``courses.services.course_trainers_sync``).
"""

from django.conf import settings
from django.db import migrations

MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def link_collections(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    CourseCollection = apps.get_model("courses", "CourseCollection")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Locale = apps.get_model("wagtailcore", "Locale")
    permissions = [
        permission
        for app_label, codename in MEDIA_PERMISSIONS
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    ]
    top = {collection.name: collection for collection in Collection.objects.filter(depth=2)}
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    lead = Group.objects.filter(name="Lead trainer").first()
    for course in CoursePage.objects.filter(locale=default):
        collection = top.get(course.slug)
        if collection is None or CourseCollection.objects.filter(course=course).exists():
            continue
        CourseCollection.objects.create(course=course, collection=collection)
        trainers, _created = Group.objects.get_or_create(name=f"Course trainers #{course.pk}")
        for group in filter(None, [trainers, lead]):
            for permission in permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0007_course_collection"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(link_collections, migrations.RunPython.noop)]
