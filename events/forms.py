import datetime

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk_rainbow import languages
from genk_rainbow.bounds import DATE_VALIDATORS
from genk_rainbow.forms import CrispyMixin
from genk_rainbow.images import CleanImageField
from genk_rainbow.roles import is_city_staff
from genk_rainbow.slugs import unique_slug
from partners.models import Partner

from .models import LANGUAGES_SPOKEN, TZ, Event


def https_by_default(model_field, **kwargs):
    """Links typed without a scheme are https:// links (Django 6's default, chosen now)."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class EventForm(CrispyMixin, forms.ModelForm):
    start = forms.DateTimeField(
        label=_("Start"),
        validators=DATE_VALIDATORS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    end = forms.DateTimeField(
        label=_("End"),
        validators=DATE_VALIDATORS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("For an all-day event only the dates count: the end is the last day."),
    )
    image = CleanImageField(label=_("Image"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGES_SPOKEN,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = [
            *languages.fields("title", "summary", "description"),
            "organiser", "start", "end", "all_day", "recurrence", "recurrence_until", "status",
            "attendance", "venue", "online_url", "related_action", "target_groups", "is_free",
            *languages.fields("price"), "registration_url", "registration_contact", "facilities",
            "languages", "image", *languages.fields("image_alt"), "image_credit",
        ]  # fmt: skip
        formfield_callback = https_by_default
        widgets = {
            **dict.fromkeys(languages.fields("description"), forms.Textarea(attrs={"rows": 5})),
            "recurrence_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "target_groups": forms.CheckboxSelectMultiple,
            "facilities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        # An edit starts from the current values, relations included (a new revision has
        # no relations of its own yet: they are the published event's).
        if instance := kwargs.get("instance"):
            kwargs["initial"] = {**instance.relations_to_edit(), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ["title", "summary"]:
            self.fields[languages.default_field(name)].required = True
        organisers = (
            Partner.objects.all() if is_city_staff(user) else Partner.objects.of_member(user)
        )
        self.fields["organiser"].queryset = organisers
        self.fields["organiser"].required = not is_city_staff(user)
        actions = self.fields["related_action"].queryset
        self.fields["related_action"].queryset = actions.public().select_related("objective")
        if self.instance.pk and self.instance.organiser_id:
            self.fields["organiser"].disabled = True
        for name in ["start", "end"]:
            if value := self.initial.get(name):
                self.initial[name] = timezone.localtime(value, TZ)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and data.get("all_day"):
            # All-day: midnight of the first day to midnight after the last day (exclusive end).
            first, last = timezone.localtime(start, TZ).date(), timezone.localtime(end, TZ).date()
            data["start"] = datetime.datetime.combine(first, datetime.time.min, tzinfo=TZ)
            data["end"] = datetime.datetime.combine(
                last + datetime.timedelta(days=1), datetime.time.min, tzinfo=TZ
            )
            self.instance.start, self.instance.end = data["start"], data["end"]
        return data

    def save(self, commit=True):
        event = super().save(commit=False)
        title = getattr(event, languages.default_field("title"))
        event.title = title  # the base column mirrors the default language
        if not getattr(event, languages.default_field("slug")):
            siblings = Event.objects.filter(revision_of__isnull=True)
            for code in languages.codes():
                slug = languages.column("slug", code)
                text = getattr(event, languages.column("title", code)) or title
                setattr(event, slug, unique_slug(siblings, slug, text, "event"))
            event.slug = getattr(event, languages.default_field("slug"))
        if commit:
            event.save()
            self.save_m2m()
        return event
