"""Translated slugs: every object has a slug per language, and any of them finds it."""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.text import slugify

from . import languages


class SlugQuerySet(models.QuerySet):
    def by_slug(self, slug):
        """Match the slug of any language, so a link in one language keeps working in another."""
        return self.filter(languages.any_of("slug", slug))


def get_by_slug(queryset, slug, current_slug_of=lambda obj: obj.slug):
    """Return (object, None) for the canonical slug of the active language, or (None, redirect)
    to the canonical URL when the slug of another language was used (e.g. after switching)."""
    obj = queryset.by_slug(slug).first()
    if obj is None:
        raise Http404
    if current_slug_of(obj) != slug:
        return None, redirect(obj, permanent=True)
    return obj, None


def unique_slug_per_language(name, *scope, condition=None):
    """Unique constraints on slug_nl, slug_en, ... (the columns django-modeltranslation adds).

    Declared here rather than as unique=True on the field: django-simple-history would copy
    unique=True onto its history tables, where the same slug recurs in every version.
    """
    return [
        models.UniqueConstraint(
            fields=[*scope, f"slug_{code}"], name=f"{name}_slug_{code}_unique", condition=condition
        )
        for code, _label in settings.LANGUAGES
    ]


def unique_slug(queryset, field, text, fallback="item"):
    """A slug for `text` not yet used in `field` of `queryset` (adds -2, -3, ... when needed)."""
    base = slugify(text)[:180] or fallback
    candidate, number = base, 1
    while queryset.filter(**{field: candidate}).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate
