"""Notifications: what the portal tells a person (a review step, an accepted invitation), kept
as a row (the in-portal list, with an unread count on the start page) and mailed in the
recipient's language once the transaction that caused it commits. A mail server that is down
loses nothing: the row stays unsent and `manage.py send_notifications` (the daily timer)
sends it later. Optional mails can be switched off per person; the row is still made."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .identity import SiteIdentity

logger = logging.getLogger("regenboog.notifications")


class Kind(models.TextChoices):
    SUBMITTED = "submitted", _("Sent in for review")
    RETURNED = "returned", _("Returned with a comment")
    ACCEPTED = "accepted", _("Accepted")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")


# The partner must act on a returned or rejected piece of work: those mails always go.
OPTIONAL = {Kind.SUBMITTED, Kind.ACCEPTED, Kind.PUBLISHED, Kind.INVITATION_ACCEPTED}

SUBJECTS = {
    Kind.SUBMITTED: _("To review: {title}"),
    Kind.RETURNED: _("Returned with a comment: {title}"),
    Kind.ACCEPTED: _("Accepted: {title}"),
    Kind.PUBLISHED: _("Published: {title}"),
    Kind.REJECTED: _("Not published: {title}"),
    Kind.INVITATION_ACCEPTED: _("Invitation accepted: {title}"),
}
INTROS = {
    Kind.SUBMITTED: _("{partner} sent in “{title}” ({what}). It waits for your review."),
    Kind.RETURNED: _("{city} returned “{title}” ({what}) with this comment:"),
    Kind.ACCEPTED: _("{city} accepted “{title}” ({what})."),
    Kind.PUBLISHED: _("{city} published “{title}” in the agenda of {site}."),
    Kind.REJECTED: _("{city} did not publish “{title}” ({what}). The reason:"),
    Kind.INVITATION_ACCEPTED: _("Your invitation to join {title} on {site} was accepted."),
}
CLOSING = _(
    "Open it in your workspace:\n{url}\n\n{city}\n\n"
    "You can switch off optional emails in your workspace: {settings_url}"
)


class MailSettings(models.Model):
    """A person's choices for what the portal sends them: the language of mails and whether
    optional mails are sent (the notifications themselves always show in the workspace)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_settings"
    )
    language = models.CharField(
        _("language of emails"),
        max_length=8,
        default=settings.LANGUAGE_CODE,
        help_text=_("One of the site's languages (settings.LANGUAGES)."),
    )
    optional_mails = models.BooleanField(
        _("email me when my work is accepted or published, when work waits for my review and "
          "when an invitation I sent is accepted"),
        default=True,
        help_text=_("Returned work and rejections are always emailed: they ask you to act."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("email settings")
        verbose_name_plural = _("email settings")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def of(cls, user):
        """The person's settings, the defaults (Dutch, optional mails on) if never saved."""
        try:
            return user.mail_settings
        except cls.DoesNotExist:
            return cls(user=user)


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def unsent(self):
        return self.filter(mail_wanted=True, sent_at__isnull=True)

    def mark_read(self):
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=500)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mail_wanted = models.BooleanField(_("to be emailed"), default=True)
    sent_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("sending attempts"), default=0)
    last_error = models.CharField(_("last sending error"), max_length=100, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="notification_kind_valid"
            )
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(mail_wanted=True, sent_at__isnull=True),
                name="notification_unsent",
            )
        ]

    def __str__(self):
        return self.subject

    def send(self):
        """Mail it; a failure is recorded (its kind only: an SMTP error can quote addresses)
        and left for send_notifications. Returns whether it went."""
        try:
            EmailMessage(self.subject, self.body, None, [self.recipient.email]).send()
        except Exception as error:  # any failure of the mail server: keep it for later
            self.attempts += 1
            self.last_error = type(error).__name__[:100]
            self.save(update_fields=["attempts", "last_error"])
            logger.warning("notification %s not sent: %s", self.pk, self.last_error)
            return False
        self.sent_at = timezone.now()
        self.attempts += 1
        self.save(update_fields=["sent_at", "attempts"])
        return True


def absolute_url(url_name, **kwargs):
    """A link for an email, in the active language (SITE_URL: the portal's public address)."""
    return settings.SITE_URL.rstrip("/") + reverse(url_name, kwargs=kwargs or None)


def notify(recipients, kind, *, title, url_name, url_kwargs, what="", partner="", comment=""):
    """Record one notification per recipient, written in their language (`title`, `what` and
    `partner` may be objects or lazy texts: they are read in that language), and mail it after
    the current transaction commits. Inactive accounts and accounts without an address get
    none; nobody gets the same one twice."""
    made, seen, identity = [], set(), SiteIdentity.current()
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active or not user.email:
            continue
        seen.add(user.pk)
        choices = MailSettings.of(user)
        with translation.override(choices.language):
            # objects and lazy texts become words in the recipient's language
            words = {
                "title": str(title), "what": str(what), "partner": str(partner),
                "city": identity.city_name, "site": identity.name,
            }  # fmt: skip
            text = [str(INTROS[kind]).format(**words)]
            if comment:
                text.append(comment)
            url = absolute_url(url_name, **url_kwargs)
            settings_url = absolute_url("notifications")
            text.append(
                str(CLOSING).format(url=url, settings_url=settings_url, city=identity.city_name)
            )
            made.append(
                Notification.objects.create(
                    recipient=user,
                    kind=kind,
                    subject=str(SUBJECTS[kind]).format(**words)[:300],
                    body="\n\n".join(text),
                    url=url,
                    mail_wanted=kind not in OPTIONAL or choices.optional_mails,
                )
            )
    pks = [n.pk for n in made if n.mail_wanted]
    if pks:
        transaction.on_commit(lambda: send_unsent(Notification.objects.filter(pk__in=pks)))
    return made


def send_unsent(notifications=None):
    """Mail what is still unsent (all of it, or those given); returns (sent, failed)."""
    queryset = Notification.objects.all() if notifications is None else notifications
    sent = failed = 0
    for notification in queryset.unsent().select_related("recipient").order_by("created_at"):
        if notification.send():
            sent += 1
        else:
            failed += 1
    return sent, failed
