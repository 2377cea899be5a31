"""One Wagtail locale per language, the four role groups, and the home page as the site root."""

from django.db import migrations

LANGUAGES = ["en", "fr", "pt", "es"]
ROLES = ["Learner", "Trainer", "Lead trainer", "Coordinator"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def create_role_groups(apps, schema_editor):
    # Their permissions are set by lms.services.roles_sync after every migrate, once every
    # app's permissions exist.
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("lms", "HomePage")

    if HomePage.objects.exists():
        return
    # Wagtail's first migration made a placeholder "Welcome" page at depth 2; replace it.
    Page.objects.filter(depth=2, content_type__model="page", url_path="/home/").delete()
    if Page.objects.filter(depth=2).exists():
        return  # someone already built a tree: leave it alone
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="lms")
    home = HomePage.objects.create(
        title="Cybercrime Academy",
        draft_title="Cybercrime Academy",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.get(language_code="en"),
        live=True,
    )
    root = Page.objects.get(depth=1)
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.id,
                  "site_name": "Cybercrime Academy"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_locales, migrations.RunPython.noop),
        migrations.RunPython(create_role_groups, migrations.RunPython.noop),
        migrations.RunPython(create_home_page, migrations.RunPython.noop),
    ]
