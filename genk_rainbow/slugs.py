"""Translated slugs: every object has a Dutch and an English slug, and either one finds it."""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.shortcuts import redirect


def get_by_slug(queryset, slug, current_slug_of=lambda obj: obj.slug):
    """Return (object, None) for the canonical slug of the active language, or (None, redirect)
    to the canonical URL when the slug of another language was used (e.g. after switching)."""
    obj = queryset.by_slug(slug).first()
    if obj is None:
        raise Http404
    if current_slug_of(obj) != slug:
        return None, redirect(obj, permanent=True)
    return obj, None


def unique_slug_per_language(name, *scope):
    """Unique constraints on slug_nl, slug_en, ... (the columns django-modeltranslation adds).

    Declared here rather than as unique=True on the field: django-simple-history would copy
    unique=True onto its history tables, where the same slug recurs in every version.
    """
    return [
        models.UniqueConstraint(fields=[*scope, f"slug_{code}"], name=f"{name}_slug_{code}_unique")
        for code, _label in settings.LANGUAGES
    ]
