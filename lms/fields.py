"""A rich-text model field that passes through the project's sanitizer before it is saved."""

from wagtail.fields import RichTextField

from lms.sanitize import RICH_TEXT_FEATURES, sanitize_stored_rich_text


class SanitizedRichTextField(RichTextField):
    """Wagtail's RichTextField, limited to the project's features and cleaned on save."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        cleaned = sanitize_stored_rich_text(value) if value else value
        setattr(model_instance, self.attname, cleaned)
        return cleaned
