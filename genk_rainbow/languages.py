"""The content languages, from settings.LANGUAGES alone: adding one (say French) is a settings
change, migrations and a catalogue, never a list of `_nl`/`_en` names in code."""

from django.conf import settings
from django.db.models import Q
from django.utils.text import format_lazy
from modeltranslation.utils import build_localized_fieldname


def codes():
    """The language codes, the default (Dutch) first."""
    return [code for code, _name in settings.LANGUAGES]


def names():
    """{code: translated name}, e.g. {"nl": "Dutch", "en": "English"}."""
    return dict(settings.LANGUAGES)


def fields(*names):
    """The translated columns of fields: fields("title", "summary") -> title_nl, title_en,
    summary_nl, summary_en (as django-modeltranslation names them)."""
    return [build_localized_fieldname(name, code) for name in names for code in codes()]


def prepopulated(target, source):
    """The admin's prepopulated_fields for a translated slug: slug_xx from title_xx."""
    return {
        build_localized_fieldname(target, code): [build_localized_fieldname(source, code)]
        for code in codes()
    }


def any_of(field, value):
    """Q matching `value` in the field in any language (a slug, a name)."""
    query = Q()
    for column in fields(field):
        query |= Q(**{column: value})
    return query


def contains_any(field_names, text):
    """Q for `text` in any of the fields in any language (the agenda's search)."""
    query = Q()
    for column in fields(*field_names):
        query |= Q(**{f"{column}__icontains": text})
    return query


def labelled(label, name):
    """A label naming a language: labelled(_("Public text ({language})"), "Dutch")."""
    return format_lazy(label, language=name)


def default_field(name):
    """The column of the default language (Dutch), which every translated text must have."""
    return build_localized_fieldname(name, codes()[0])


def column(name, code):
    """The column of a field in one language: column("slug", "fr") -> "slug_fr"."""
    return build_localized_fieldname(name, code)


def published():
    """The languages the city publishes (its identity), the default first: the texts a form
    asks for, the columns of an export, the languages the API gives. codes() is every language
    the interface has, and every translated column the database keeps."""
    from .identity import SiteIdentity  # a model; this module is imported by models

    return SiteIdentity.current().language_codes


def published_names():
    """{code: translated name} of the published languages."""
    every = names()
    return {code: every[code] for code in published()}
