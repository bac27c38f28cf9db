"""A partner's edit of a published event is a revision: a copy that waits for review while the
original stays online. What a revision carries over is read from the model's own field list
(every concrete field and every many-to-many relation but identity, publication and the URL),
so a field added to Event later is copied, shown in the reviewer's diff and tested without a
line of code here (tests/events/test_revisions.py iterates over the same list)."""

from dataclasses import dataclass

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from genk_rainbow.review import authored_by_reason

# Identity, publication and the URL stay the original's.
NOT_REVISED = {"id", "organiser", "publication", "sequence", "revision_of", "proposed_by",
               "created_at"}  # fmt: skip
# Copied onto the original (who reviewed it, when) but not something the partner changed.
BOOKKEEPING = {"review_comment", "submitted_at", "reviewed_by", "reviewed_at", "updated_at"}


@dataclass(frozen=True)
class Change:
    label: str
    old: object
    new: object


def _translated_base_fields(model):
    """The base columns modeltranslation mirrors (title for title_nl, title_en, ...)."""
    return set(translator.get_options_for_model(model).all_fields)


def _is_slug(field):
    return field.name == "slug" or field.name.startswith("slug_")


class Revisable(models.Model):
    """The revision side of Event: make_revision, apply, the edit form's starting values and
    the field-by-field diff for the reviewer."""

    class Meta:
        abstract = True

    @classmethod
    def revised_fields(cls):
        """Every field a published revision copies onto the original: the model's concrete
        fields and its many-to-many relations, less identity, publication and the slugs."""
        fields = [*cls._meta.concrete_fields, *cls._meta.many_to_many]
        return [f for f in fields if f.name not in NOT_REVISED and not _is_slug(f)]

    @classmethod
    def compared_fields(cls):
        """The fields the reviewer's diff compares: what a partner can change (each
        language's column, not the mirrored base column; no review bookkeeping)."""
        base = _translated_base_fields(cls)
        return [
            f
            for f in cls.revised_fields()
            if f.name not in BOOKKEEPING and f.name not in base and f.editable
        ]

    def make_revision(self, user):
        """An unsaved copy of this published event for a partner's edit; saved by save_edit.
        Its many-to-many relations are the original's until the form saves its own."""
        revision = type(self).objects.get(pk=self.pk)
        revision.pk = revision.id = None
        revision._state.adding = True
        revision.revision_of, revision.proposed_by = self, user
        revision.publication = self.SUBMITTED
        return revision

    def relations_to_edit(self):
        """The many-to-many values an edit form starts from: an unsaved revision has none of
        its own yet, so it starts from the published event's (never from nothing ticked)."""
        source = self if self.pk else self.revision_of
        if source is None or source.pk is None:
            return {}
        return {f.name: list(getattr(source, f.name).all()) for f in self._meta.many_to_many}

    def copy_relations(self, source):
        for field in self._meta.many_to_many:
            getattr(self, field.name).set(getattr(source, field.name).all())

    def apply_revision(self):
        """Copy every revised field and relation onto the published original, give it a new
        SEQUENCE, delete the revision; returns the original."""
        with transaction.atomic():
            original = type(self).objects.select_for_update().get(pk=self.revision_of_id)
            for field in self.revised_fields():
                if not field.many_to_many:
                    setattr(original, field.attname, getattr(self, field.attname))
            original.sequence += 1
            # The history credits the partner who wrote it; the reviewer is the history user.
            original._change_reason = authored_by_reason(self.proposed_by_id)
            original.save()
            original.copy_relations(self)
            self.delete()
        return original

    def revision_changes(self):
        """What this revision changes in the published event, field by field (old, new);
        empty for anything that is not a saved revision."""
        if not (self.pk and self.revision_of_id):
            return []
        original = self.revision_of
        return [
            Change(str(field.verbose_name), old, new)
            for field in self.compared_fields()
            if (old := _shown(original, field)) != (new := _shown(self, field))
        ]


def _shown(event, field):
    """A field's value as a reviewer reads it (a choice's label, names of relations)."""
    if field.many_to_many:
        return ", ".join(sorted(str(obj) for obj in getattr(event, field.name).all()))
    value = getattr(event, field.name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(field, models.FileField):
        return value.name or ""
    if field.name == "languages":
        return ", ".join(str(name) for name in event.languages_display())
    if value is None:
        return ""
    return value
