"""The one review workflow: a partner's work (an activity, a proposed event) is submitted, and
city staff accept it or return it with a comment. The rules live on `Reviewable`, an abstract
model; each model names its own states (activities are accepted or returned, events published
or rejected), so no stored value had to change. One form and one template include
(`includes/review_form.html`) serve both workspaces."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import notifications
from .forms import CrispyMixin
from .roles import CITY_STAFF_GROUP, is_city_staff

ACCEPT, RETURN = "accept", "return"
# The history change reason of a change a reviewer applied for someone else (a partner's
# revision of a published event): the author's user id follows, so the history shows the
# author and, apart, the approver (the history user).
AUTHORED_BY = "authored-by:"


def authored_by_reason(user_id):
    return f"{AUTHORED_BY}{user_id}" if user_id else ""


def author_id_from_reason(reason):
    """The author's user id kept by authored_by_reason, or None."""
    if reason and reason.startswith(AUTHORED_BY) and reason[len(AUTHORED_BY) :].isdigit():
        return int(reason[len(AUTHORED_BY) :])
    return None


@dataclass(frozen=True)
class ReviewWords:
    """What the review form calls the two decisions and the comment, per kind of work."""

    accept: Promise
    give_back: Promise
    comment: Promise
    comment_needed: Promise
    comment_help: Promise | str = ""


class ReviewQuerySet(models.QuerySet):
    def awaiting_review(self):
        return self.filter(**{self.model.STATE_FIELD: self.model.SUBMITTED})


class Reviewable(models.Model):
    """Work of a partner that city staff review. A model sets STATE_FIELD and the values of
    its states, PARTNER_FIELD (whose work it is), AUTHOR_FIELD (who sent it) and WORDS, and
    has can_be_edited_by(user) and an `updated_at` field."""

    STATE_FIELD = "status"
    SUBMITTED = ACCEPTED = RETURNED = None
    PARTNER_FIELD = "partner"
    AUTHOR_FIELD = "created_by"
    WORDS: ReviewWords
    # What the partner is told of a decision, and where the work is in the workspace.
    ACCEPTED_KIND, RETURNED_KIND = notifications.Kind.ACCEPTED, notifications.Kind.RETURNED
    WORKSPACE_URL: str

    review_comment = models.TextField(_("comment of the city"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_awaiting_review(self):
        return getattr(self, self.STATE_FIELD) == self.SUBMITTED

    def can_be_reviewed_by(self, user):
        """City staff review, but never work they sent themselves or their own partner's."""
        partner = getattr(self, self.PARTNER_FIELD)
        return (
            is_city_staff(user)
            and getattr(self, f"{self.AUTHOR_FIELD}_id") != user.pk
            and not (partner is not None and partner.has_member(user))
        )

    def mark_submitted(self):
        """Put the work in the review queue (unsaved); an old comment no longer applies."""
        setattr(self, self.STATE_FIELD, self.SUBMITTED)
        self.submitted_at, self.review_comment = timezone.now(), ""

    def submit(self, user):
        """Send the work for review; only who may edit it may (the model's can_be_edited_by)."""
        if not self.can_be_edited_by(user):
            raise PermissionDenied
        self.mark_submitted()
        fields = [self.STATE_FIELD, "submitted_at", "review_comment", "updated_at"]
        with transaction.atomic():
            self.save(update_fields=fields)
            review_submitted(self, user)

    def accept(self, reviewer, comment=""):
        return self.review(reviewer, ACCEPT, comment)

    def return_to_partner(self, reviewer, comment):
        return self.review(reviewer, RETURN, comment)

    def review(self, reviewer, decision, comment=""):
        """Accept (ACCEPT) or return (RETURN) submitted work, recording who and when; returns
        the reviewed object (for an event's revision: the published event it changed)."""
        if not self.can_be_reviewed_by(reviewer):
            raise PermissionDenied
        if not self.is_awaiting_review:
            raise ValidationError(_("Only submitted work can be reviewed."))
        if decision == RETURN and not comment.strip():
            raise ValidationError({"comment": self.WORDS.comment_needed})
        state = self.ACCEPTED if decision == ACCEPT else self.RETURNED
        author = getattr(self, self.AUTHOR_FIELD)
        with transaction.atomic():
            setattr(self, self.STATE_FIELD, state)
            self.review_comment = comment
            self.reviewed_by, self.reviewed_at = reviewer, timezone.now()
            reviewed = self._accepted() if decision == ACCEPT else self._returned()
            review_decided(reviewed, author, accepted=decision == ACCEPT)
        return reviewed

    # A model extends these; they save the reviewed work and return what was reviewed.
    def _accepted(self):
        self.save()
        return self

    def _returned(self):
        self.save()
        return self


def review_submitted(item, author):
    """Work waits for review: every city staff member who may review it is told."""
    staff = get_user_model().objects.filter(groups__name=CITY_STAFF_GROUP, is_active=True)
    reviewers = [user for user in staff.distinct() if item.can_be_reviewed_by(user)]
    _notify(item, reviewers, notifications.Kind.SUBMITTED)


def review_decided(item, author, *, accepted):
    """The one place a review decision leaves the portal: the author and the admins of the
    partner whose work it is are told (in the portal and by email), the comment included."""
    kind = item.ACCEPTED_KIND if accepted else item.RETURNED_KIND
    partner = getattr(item, item.PARTNER_FIELD)
    admins = list(partner.admins()) if partner is not None else []
    people = [user for user in [author, *admins] if user is not None and not is_city_staff(user)]
    _notify(item, people, kind, comment=item.review_comment)


def _notify(item, recipients, kind, comment=""):
    partner = getattr(item, item.PARTNER_FIELD)
    notifications.notify(
        recipients,
        kind,
        title=item,
        what=item._meta.verbose_name,
        partner=partner if partner is not None else "",
        comment=comment,
        url_name=item.WORKSPACE_URL,
        url_kwargs={"pk": item.pk},
    )


class ReviewForm(CrispyMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item, words = item, item.WORDS
        self.fields["decision"].choices = [(ACCEPT, words.accept), (RETURN, words.give_back)]
        self.fields["comment"].label = words.comment
        self.fields["comment"].help_text = words.comment_help

    def clean(self):
        data = super().clean()
        if data.get("decision") == RETURN and not data.get("comment", "").strip():
            self.add_error("comment", self.item.WORDS.comment_needed)
        return data

    def save(self, reviewer):
        """Apply the decision; returns the reviewed work, or None with the form's errors."""
        try:
            return self.item.review(
                reviewer, self.cleaned_data["decision"], self.cleaned_data["comment"]
            )
        except ValidationError as error:
            self.add_error(None, error.messages)
            return None
