"""The home page's demo text in the four languages (written for this project)."""

from django.core.management.base import CommandError
from django.db import transaction

TITLE = "Cybercrime Academy"
INTRO = (
    "Online training in cybercrime and digital forensics for police investigators, "
    "prosecutors and judges. Study at your own pace or with your cohort, in your language, "
    "on any connection."
)

TRANSLATIONS = {
    "fr": {
        TITLE: "Académie de la cybercriminalité",
        INTRO: (
            "Une formation en ligne à la cybercriminalité et à la criminalistique numérique pour "
            "les enquêteurs de police, les procureurs et les juges. Étudiez à votre rythme ou "
            "avec votre promotion, dans votre langue, quelle que soit votre connexion."
        ),
        "home": "accueil",
    },
    "pt": {
        TITLE: "Academia de Cibercrime",
        INTRO: (
            "Formação online em cibercrime e perícia digital para investigadores de polícia, "
            "procuradores e juízes. Estude ao seu ritmo ou com a sua turma, na sua língua, com "
            "qualquer ligação à internet."
        ),
        "home": "inicio-pt",
    },
    "es": {
        TITLE: "Academia de Ciberdelincuencia",
        INTRO: (
            "Formación en línea sobre ciberdelincuencia y ciencia forense digital para "
            "investigadores policiales, fiscales y jueces. Estudie a su ritmo o con su grupo, "
            "en su idioma y con cualquier conexión."
        ),
        "home": "inicio",
    },
}


@transaction.atomic
def home_pages_ensure():
    """Give the English home page its introduction and translate it into fr, pt and es."""
    from lms import services
    from lms.models import HomePage

    page = HomePage.objects.filter(locale__language_code="en").first()
    if page is None:
        raise CommandError("No English home page: run manage.py migrate first.")
    if not page.intro:
        page.intro = f"<p>{INTRO}</p>"
        page.save_revision().publish()
    existing = set(page.get_translations().values_list("locale__language_code", flat=True))
    for language_code, strings in TRANSLATIONS.items():
        if language_code not in existing:
            services.page_translation_import(
                page=page, language_code=language_code, strings=strings
            )
    return page
