import datetime

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from genk_rainbow import languages
from genk_rainbow.bounds import DATE_VALIDATORS
from genk_rainbow.forms import CrispyMixin, DateListField
from genk_rainbow.identity import SiteIdentity
from genk_rainbow.images import CleanImageField
from genk_rainbow.roles import is_city_staff
from genk_rainbow.slugs import unique_slug
from partners.models import Partner

from .models import LANGUAGES_SPOKEN, TZ, Event, EventStatus, OccurrenceOverride, Place, PlaceKind


def https_by_default(model_field, **kwargs):
    """Links typed without a scheme are https:// links (Django 6's default, chosen now)."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


NEW_PLACE_FIELDS = ["new_place_name", "new_place_street_address", "new_place_postal_code",
                    "new_place_locality"]  # fmt: skip


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, place):
        return f"{place.name} – {place.address}" if place.address != place.name else place.name


EXCEPTION_DATES_HELP = _(
    "For a repeating event: the dates it skips. Pick a date in an empty box to add one, "
    "clear a box to remove it."
)


class EventForm(CrispyMixin, forms.ModelForm):
    language_tabs = ("title", "summary", "description")
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
    exception_dates = DateListField(
        label=_("Dates without the event"),
        required=False,
        help_text=EXCEPTION_DATES_HELP,
    )
    place = PlaceChoiceField(
        label=_("Place"),
        queryset=Place.objects.none(),
        required=False,
        help_text=_("Choose the place from the list. Not in the list? Add it below."),
    )
    new_place_name = forms.CharField(
        label=_("Name of the new place"), max_length=200, required=False
    )
    new_place_street_address = forms.CharField(
        label=_("Street and number"), max_length=200, required=False
    )
    new_place_postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    new_place_locality = forms.CharField(
        label=_("Municipality"),
        max_length=100,
        required=False,
        initial=lambda: SiteIdentity.current().locality,
    )

    class Meta:
        model = Event
        fields = [
            *languages.fields("title", "summary", "description"),
            "organiser", "start", "end", "all_day", "recurrence", "recurrence_until",
            "exception_dates", "status", "attendance", "place", *NEW_PLACE_FIELDS, "online_url",
            "related_action",
            "target_groups", "is_free",
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
        if not is_city_staff(user) and not self.instance.pk and len(mine := list(organisers)) == 1:
            self.initial.setdefault("organiser", mine[0].pk)  # their one organisation
        actions = self.fields["related_action"].queryset
        self.fields["related_action"].queryset = actions.public().select_related("objective")
        if self.instance.pk and self.instance.organiser_id:
            self.fields["organiser"].disabled = True
        places = Place.objects.choosable_by(user)
        if self.instance.place_id:  # the place it has stays choosable
            places = places | Place.objects.filter(pk=self.instance.place_id)
        self.fields["place"].queryset = places.order_by("name", "pk")
        # The layout CrispyMixin made (texts in language tabs) in sections, the new place's
        # fields grouped within "Where".
        items = list(self.helper.layout.fields)
        tabs = next(item for item in items if not isinstance(item, str))
        new_place = Fieldset(_("Or add a new place"), *NEW_PLACE_FIELDS)
        sections = [
            (_("What"), [tabs, "organiser", "related_action", "target_groups"]),
            (_("When"), ["start", "end", "all_day", "recurrence", "recurrence_until",
                         "exception_dates", "status"]),
            (_("Where"), ["attendance", "place", new_place, "online_url"]),
            (_("Taking part"), ["is_free", *languages.fields("price"), "registration_url",
                                "registration_contact", "facilities", "languages"]),
            (_("Image"), ["image", *languages.fields("image_alt"), "image_credit"]),
        ]  # fmt: skip
        placed = {n for _label, names in sections for n in names if isinstance(n, str)}
        placed |= set(NEW_PLACE_FIELDS)
        rest = [item for item in items if isinstance(item, str) and item not in placed]
        self.helper.layout = Layout(
            *(
                Fieldset(label, *[n for n in names if not isinstance(n, str) or n in self.fields])
                for label, names in sections
            ),
            *rest,
        )
        for name in ["start", "end"]:
            if value := self.initial.get(name):
                self.initial[name] = timezone.localtime(value, TZ)

    def clean(self):
        data = super().clean()
        self._clean_new_place(data)
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

    def _clean_new_place(self, data):
        """A new place typed in the form becomes the event's place (unsaved until save()), so
        Event.clean sees a place: the rule "at a place or online" is the model's."""
        name = data.get("new_place_name", "").strip()
        address = [data.get(f, "").strip() for f in NEW_PLACE_FIELDS[1:3]]
        if name and data.get("place"):
            self.add_error(
                "new_place_name",
                _("Choose a place from the list or add a new one, not both."),
            )
        elif name:
            data["place"] = Place(
                **dict.fromkeys(languages.fields("name"), name),
                street_address=address[0],
                postal_code=address[1],
                locality=data.get("new_place_locality", "").strip()
                or SiteIdentity.current().locality,
                kind=PlaceKind.VENUE,
                is_listed=False,
            )
        elif any(address):
            self.add_error("new_place_name", _("Give the name of the new place."))

    def _save_new_place(self, event):
        place = event.place
        if place is not None and place.pk is None:
            if not is_city_staff(self.user):
                place.added_by = event.organiser
            place.assign_slugs()
            place.save()
            event.place = place

    def save(self, commit=True):
        event = super().save(commit=False)
        # A new place is saved even with commit=False: the event cannot point at it otherwise.
        self._save_new_place(event)
        title = getattr(event, languages.default_field("title"))
        # The base column mirrors the default language. Set in that language: on an English
        # page `event.title = ...` is title_en, and would overwrite the English title.
        with translation.override(languages.codes()[0]):
            event.title = title
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


class DateChange(models.TextChoices):
    CANCEL = "cancel", _("Cancel this date")
    MOVE = "move", _("Move this date")


class OccurrenceOverrideForm(CrispyMixin, forms.ModelForm):
    """Cancel or move one date of a repeating event, with the reason visitors read."""

    change = forms.ChoiceField(
        label=_("What happens on this date"), choices=DateChange.choices, widget=forms.RadioSelect
    )
    new_start = forms.DateTimeField(
        label=_("New start"),
        required=False,
        validators=DATE_VALIDATORS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Only for a moved date."),
    )
    new_end = forms.DateTimeField(
        label=_("New end"),
        required=False,
        validators=DATE_VALIDATORS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty to keep the usual length."),
    )

    class Meta:
        model = OccurrenceOverride
        fields = ["original_date", "change", "new_start", "new_end", *languages.fields("note")]
        widgets = {
            "original_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.event = event
        self.fields["original_date"].label = _("Date as scheduled")
        for code, name in languages.published_names().items():
            field = self.fields[languages.column("note", code)]
            field.label = languages.labelled(_("Reason, shown with the date ({language})"), name)
        self.fields[languages.default_field("note")].required = True

    def clean(self):
        data = super().clean()
        moved = data.get("change") == DateChange.MOVE
        self.instance.status = EventStatus.RESCHEDULED if moved else EventStatus.CANCELLED
        if not moved:
            data["new_start"] = data["new_end"] = None
            self.instance.new_start = self.instance.new_end = None
        return data

    def validate_unique(self):
        pass  # one change per date: save() replaces the earlier change of the same date

    def save(self, commit=True):
        override = self.instance
        earlier = OccurrenceOverride.objects.filter(
            event=override.event, original_date=override.original_date
        ).first()
        if earlier is not None:
            override.pk = earlier.pk
        override.save()
        return override
