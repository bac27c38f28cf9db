import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk_rainbow import languages
from genk_rainbow.bounds import DATE_VALIDATORS
from genk_rainbow.notifications import Kind, notify
from genk_rainbow.review import Reviewable, ReviewQuerySet, ReviewWords
from genk_rainbow.roles import is_city_staff
from genk_rainbow.slugs import SlugQuerySet, unique_slug_per_language
from genk_rainbow.stored_parts import kept_value


class PartnerKind(models.TextChoices):
    CITY_SERVICE = "city_service", _("City service")
    ADVOCACY = "advocacy", _("Advocacy organisation")
    HEALTHCARE = "healthcare", _("Healthcare")
    CARE_HOME = "care_home", _("Residential care centre")
    YOUTH_ORGANISATION = "youth_organisation", _("Youth organisation")
    SCHOOL = "school", _("School")
    OTHER_CITY = "other_city", _("Other city with an LGBTI policy")
    OTHER = "other", _("Other partner")


# Headings of the partners directory, one group per kind.
KIND_HEADINGS = {
    PartnerKind.CITY_SERVICE: _("City services"),
    PartnerKind.ADVOCACY: _("Advocacy organisations"),
    PartnerKind.HEALTHCARE: _("Healthcare"),
    PartnerKind.CARE_HOME: _("Residential care centres"),
    PartnerKind.YOUTH_ORGANISATION: _("Youth organisations"),
    PartnerKind.SCHOOL: _("Schools"),
    PartnerKind.OTHER_CITY: _("Other cities with an LGBTI policy"),
    PartnerKind.OTHER: _("Other partners"),
}


class PartnerQuerySet(SlugQuerySet):
    def first_of_each_kind(self, count):
        """The first `count` partners of every kind by name, in one query."""
        rank = models.Window(RowNumber(), partition_by="kind", order_by=["name", "pk"])
        return self.annotate(rank_in_kind=rank).filter(rank_in_kind__lte=count)

    def count_per_kind(self):
        return dict(self.order_by().values_list("kind").annotate(models.Count("pk")))

    def of_member(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def managed_by(self, user):
        """Partners whose members this user may manage: all for city staff, else their own."""
        if is_city_staff(user):
            return self.all()
        return self.filter(memberships__user=user, memberships__role=Role.ADMIN)


class Partner(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=PartnerKind.choices)
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One sentence: who they are.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: what they do with the city.")
    )
    website = models.URLField(_("website"), blank=True)
    public_contact = models.CharField(
        _("public contact"),
        max_length=300,
        blank=True,
        help_text=_("An address, phone number or email the public may use. Never a private one."),
    )
    in_rainbow_network = models.BooleanField(_("member of the rainbow network"), default=False)
    logo = models.ImageField(
        _("logo"),
        upload_to="partners/",
        blank=True,
        help_text=_("Optional: the organisation's own logo, as it allows it to be shown."),
    )

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PartnerKind.values), name="partner_kind_valid"
            ),
            *unique_slug_per_language("partner"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})

    def admins(self):
        """The accounts that manage this partner (they hear of every review decision)."""
        return get_user_model().objects.filter(
            memberships__partner=self, memberships__role=Role.ADMIN, is_active=True
        )

    def has_member(self, user):
        return user.is_authenticated and self.memberships.filter(user=user).exists()


class PartnerKindIntro(models.Model):
    """The text above each group in the partners directory, editable by staff."""

    kind = models.CharField(_("kind"), max_length=32, choices=PartnerKind.choices, unique=True)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("partner kind introduction")
        verbose_name_plural = _("partner kind introductions")
        ordering = ["kind"]

    def __str__(self):
        return self.get_kind_display()


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    ADMIN = "admin", _("Partner admin")


class Membership(models.Model):
    """A person who acts for a partner. Never shown publicly: it can reveal orientation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("partner")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["partner__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partner"], name="one_membership_per_partner"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="role_valid"),
        ]

    def __str__(self):
        return f"{self.user} – {self.partner} ({self.get_role_display()})"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationError(Exception):
    """An invitation that cannot be accepted; the message says why, in the user's language."""


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())

    def for_token(self, token):
        return self.filter(token_hash=hash_token(token))

    def expire_pending(self, created_before):
        """End the pending invitations sent before `created_before`; returns how many. After a
        restore these include links accepted since the backup: valid again in the copy."""
        pending = self.pending().filter(created_at__lt=created_before)
        return pending.update(expires_at=timezone.now())

    def finished_before(self, moment):
        """Used, or expired unused, before `moment`: kept only for the retention period."""
        return self.filter(
            models.Q(accepted_at__lt=moment)
            | models.Q(accepted_at__isnull=True, expires_at__lt=moment)
        )


class Invitation(models.Model):
    """A single-use link to join a partner. Only a hash of the token is stored."""

    VALID_FOR = timedelta(days=14)

    email = models.EmailField(_("email address"))
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("partner")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="invitation_role_valid"
            )
        ]

    def __str__(self):
        return f"{self.partner} ({self.get_role_display()})"

    @classmethod
    def create(cls, *, email, partner, role, invited_by):
        """Create an invitation; returns it with the secret token for the link (not stored)."""
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            email=email.strip().lower(),
            partner=partner,
            role=role,
            invited_by=invited_by,
            token_hash=hash_token(token),
            expires_at=timezone.now() + cls.VALID_FOR,
        )
        return invitation, token

    @property
    def is_used(self):
        return self.accepted_at is not None

    @property
    def is_expired(self):
        return not self.is_used and self.expires_at <= timezone.now()

    def check_acceptable_by(self, user=None):
        if self.is_used:
            raise InvitationError(_("This invitation has already been used. Sign in instead."))
        if self.is_expired:
            raise InvitationError(
                _("This invitation has expired. Ask the person who invited you for a new one.")
            )
        if user is not None and user.is_authenticated and user.email.lower() != self.email:
            raise InvitationError(
                _("This invitation is for another email address than the account you are signed "
                  "in with. Sign out first, or ask for an invitation to your own address.")
            )  # fmt: skip

    def accept(self, user=None, *, new_account=None):
        """Make `user` (or the account `new_account()` makes) a member of the partner and use
        the invitation up, in one transaction. The invitation row is locked first, so of
        several simultaneous acceptances one wins and the others get InvitationError ("already
        used") instead of a second account or a duplicate-key error. Returns the membership."""
        with transaction.atomic():
            locked = Invitation.objects.select_for_update().get(pk=self.pk)
            locked.check_acceptable_by(user)
            if user is None:
                user = self._create_account(new_account)
            membership, created = Membership.objects.get_or_create(
                user=user, partner=self.partner, defaults={"role": self.role}
            )
            if not created and self.role == Role.ADMIN and membership.role != Role.ADMIN:
                membership.role = Role.ADMIN
                membership.save(update_fields=["role"])
            locked.accepted_at = timezone.now()
            locked.accepted_by = user
            locked.save(update_fields=["accepted_at", "accepted_by"])
            if self.invited_by_id and self.invited_by_id != user.pk:
                notify(
                    [self.invited_by],
                    Kind.INVITATION_ACCEPTED,
                    title=self.partner,
                    url_name="partners:members",
                    url_kwargs={"slug": getattr(self.partner, languages.default_field("slug"))},
                )
        self.accepted_at, self.accepted_by = locked.accepted_at, user
        return membership

    def _create_account(self, new_account):
        # Another invitation to the same address may have made the account a moment ago: a
        # clear message, never the database's error (which would quote the address).
        exists = InvitationError(
            _("There is already an account with this email address. Sign in, then open the "
              "invitation link again.")
        )  # fmt: skip
        if get_user_model().objects.filter(email__iexact=self.email).exists():
            raise exists
        try:
            with transaction.atomic():
                return new_account()
        except IntegrityError:
            raise exists from None


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class ActivityQuerySet(ReviewQuerySet):
    def accepted(self):
        return self.filter(status=ActivityStatus.ACCEPTED)

    def published(self):
        return self.accepted().filter(is_public=True)

    def of_partners_of(self, user):
        return self.filter(partner__in=Partner.objects.of_member(user))

    def visible_to(self, user):
        """Everyone sees accepted public activities; members see all of their partners'; city
        staff see all."""
        if is_city_staff(user):
            return self.all()
        published = models.Q(status=ActivityStatus.ACCEPTED, is_public=True)
        if not user.is_authenticated:
            return self.filter(published)
        return self.filter(published | models.Q(partner__in=Partner.objects.of_member(user)))

    def audience_of(self, user):
        """Who sees the same activities as `user` (visible_to): the public, city staff, or the
        members of the same partners. Parts of a page that lists activities are kept per
        audience (genk_rainbow/stored_parts.py)."""
        if not user.is_authenticated:
            return "public"
        if is_city_staff(user):
            return "staff"
        partners = kept_value(
            ("partners of", user.pk),
            lambda: tuple(
                Partner.objects.of_member(user).order_by("pk").values_list("pk", flat=True)
            ),
        )
        return ("members of", *partners)

    def shown_beyond_public(self, user, *where):
        """Whether a page listing the accepted activities `where` (Q objects) shows `user`
        more than the public (genk_rainbow/shared_pages.py: then it is made afresh for them):
        what visible_to(user) adds to the published ones, the accepted activities that are
        not public (staff: all; a member: their partners'). One filter, as it runs on every
        signed-in view of an action or partner page: built from visible_to it took 3.2 ms,
        this way 2.0."""
        if not user.is_authenticated:
            return False
        hidden = models.Q(status=ActivityStatus.ACCEPTED, is_public=False)
        if not is_city_staff(user):
            hidden &= models.Q(partner__memberships__user=user)
        return self.filter(hidden, *where).exists()


class Activity(Reviewable):
    """Something a partner did with the city, logged by one of its members and reviewed by staff."""

    SUBMITTED, ACCEPTED, RETURNED = (
        ActivityStatus.SUBMITTED,
        ActivityStatus.ACCEPTED,
        ActivityStatus.RETURNED,
    )
    WORDS = ReviewWords(
        accept=_("Accept"),
        give_back=_("Return to the partner with a comment"),
        comment=_("Comment for the partner"),
        comment_needed=_("Say what the partner should change."),
        comment_help=_("Required when you return the activity: say what should change."),
    )
    WORKSPACE_URL = "partners:activity_detail"

    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="activities", verbose_name=_("partner")
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"), validators=DATE_VALIDATORS)
    description = models.TextField(
        _("description"), help_text=_("What happened, for whom, with what result. Markdown.")
    )
    related_action = models.ForeignKey(
        "actionplan.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("action of the plan"),
        help_text=_("The action of the Rainbow Action Plan this activity contributes to."),
    )
    target_groups = models.ManyToManyField(
        "actionplan.TargetGroup",
        blank=True,
        related_name="activities",
        verbose_name=_("target groups"),
    )
    participants_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    is_public = models.BooleanField(
        _("show on the public website"),
        default=False,
        help_text=_(
            "Once the city accepts it. Otherwise only your organisation and the city see it."
        ),
    )
    photo = models.ImageField(_("photo"), upload_to="activities/", blank=True)
    photo_alt = models.CharField(
        _("description of the photo"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("logged by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = ActivityQuerySet.as_manager()  # history: registered in translation.py

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ActivityStatus.values), name="activity_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(photo="") | ~models.Q(photo_alt=""),
                name="activity_photo_has_alt_text",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "is_public", "-date"]),
            # the review queue: submitted activities, oldest first, a page at a time
            models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(status=ActivityStatus.SUBMITTED),
                name="activity_review_queue",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partners:activity_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.photo and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": _("Describe what the photo shows.")})
        if self.date and self.date > timezone.localdate():
            raise ValidationError(
                {"date": _("Log activities that have taken place: the date is in the future.")}
            )

    def can_be_edited_by(self, user):
        editable = self.status in (ActivityStatus.DRAFT, ActivityStatus.RETURNED)
        return editable and self.partner.has_member(user)
