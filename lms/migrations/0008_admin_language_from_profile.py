"""Give every existing account's Wagtail profile the language of its own profile."""

from django.db import migrations


def copy_preferred_language(apps, schema_editor):
    Profile = apps.get_model("lms", "Profile")
    UserProfile = apps.get_model("wagtailusers", "UserProfile")
    for user_id, language in Profile.objects.values_list("user_id", "preferred_language"):
        UserProfile.objects.update_or_create(
            user_id=user_id, defaults={"preferred_language": language}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0007_notification"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
    ]

    operations = [migrations.RunPython(copy_preferred_language, migrations.RunPython.noop)]
