"""Course topics shown in the language being read.

Topics are tags, typed in English on the English course page and shared by its translations;
a tag has no translations of its own. The topics the courses use are therefore listed here,
marked for translation with the context "course topic", so the interface catalogs carry their
French, Portuguese and Spanish names. A topic that is not listed shows as it was typed until
it is added here and translated.
"""

import unicodedata

from django.utils.translation import pgettext, pgettext_lazy

CONTEXT = "course topic"

KNOWN_TOPICS = (
    pgettext_lazy("course topic", "asset recovery"),
    pgettext_lazy("course topic", "blockchain analysis"),
    pgettext_lazy("course topic", "chain of custody"),
    pgettext_lazy("course topic", "child protection"),
    pgettext_lazy("course topic", "cryptocurrency"),
    pgettext_lazy("course topic", "darknet"),
    pgettext_lazy("course topic", "darknet markets"),
    pgettext_lazy("course topic", "digital evidence"),
    pgettext_lazy("course topic", "human rights"),
    pgettext_lazy("course topic", "international cooperation"),
    pgettext_lazy("course topic", "mobile forensics"),
    pgettext_lazy("course topic", "OCSEA"),
    pgettext_lazy("course topic", "onion services"),
    pgettext_lazy("course topic", "online safety"),
    pgettext_lazy("course topic", "Tor"),
    pgettext_lazy("course topic", "undercover operations"),
    pgettext_lazy("course topic", "virtual asset service providers"),
)


def topic_name(name: str) -> str:
    """The topic ``name`` (as typed in English) in the active language."""
    return pgettext(CONTEXT, name)


def sort_key(name: str) -> str:
    """Alphabetical order that ignores case and accents ("équipe" sorts with "e")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
