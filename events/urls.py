from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds, views, workspace

app_name = "events"

urlpatterns = [
    path(_("agenda/"), views.agenda, name="agenda"),
    path(_("agenda/archive/"), views.archive, name="archive"),
    path(_("agenda/<int:year>/<int:month>/"), views.month_view, name="month"),
    path(_("agenda/calendar.ics"), views.calendar_feed, name="calendar"),
    path(_("agenda/calendar/<slug:group>.ics"), views.calendar_feed, name="group_calendar"),
    path(_("agenda/rss/"), feeds.UpcomingEventsFeed(), name="rss"),
    path(_("agenda/atom/"), feeds.UpcomingEventsAtomFeed(), name="atom"),
    path(_("agenda/partner/<slug:partner>/rss/"), feeds.UpcomingEventsFeed(), name="partner_rss"),
    path(
        _("agenda/partner/<slug:partner>/atom/"),
        feeds.UpcomingEventsAtomFeed(),
        name="partner_atom",
    ),
    path(_("agenda/action/<slug:action>/rss/"), feeds.UpcomingEventsFeed(), name="action_rss"),
    path(
        _("agenda/action/<slug:action>/atom/"), feeds.UpcomingEventsAtomFeed(), name="action_atom"
    ),
    path(_("places/"), views.places, name="places"),
    path(_("places/<slug:slug>/"), views.place_detail, name="place"),
    path(_("agenda/<slug:slug>/"), views.detail, name="detail"),
    path(_("agenda/<slug:slug>.ics"), views.event_ics, name="ics"),
    path(_("workspace/events/new/"), workspace.event_create, name="create"),
    path(_("workspace/events/<int:pk>/"), workspace.workspace_detail, name="workspace_detail"),
    path(_("workspace/events/<int:pk>/edit/"), workspace.event_edit, name="edit"),
    path(_("workspace/events/<int:pk>/preview/"), workspace.event_preview, name="preview"),
    path(_("workspace/events/<int:pk>/review/"), workspace.event_review, name="review"),
    path(_("workspace/events/<int:pk>/dates/"), workspace.event_dates, name="dates"),
    path(
        _("workspace/events/<int:pk>/dates/<int:override_pk>/remove/"),
        workspace.event_date_remove,
        name="date_remove",
    ),
]
