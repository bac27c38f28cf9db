"""Discovery for search engines: the sitemap (every public page in every language, with its
hreflang alternates and x-default) and robots.txt pointing to it. Here because it reads every
app's public pages, as the home page does."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control

from actionplan.models import Action, Objective, Plan, YearFocus
from events.models import Event, Place
from genk_rainbow.identity import SiteIdentity
from genk_rainbow.page_cache import reads_query
from indicators.models import Indicator
from partners.models import Partner


class I18nSitemap(Sitemap):
    i18n = True  # each URL in every language the city publishes
    alternates = True
    x_default = True  # the default language (Dutch) for everyone else

    def get_languages_for_item(self, item):
        if not hasattr(self, "_published"):
            self._published = SiteIdentity.current().language_codes
        return self._published

    def get_urls(self, *args, **kwargs):
        """Django's x-default drops the language prefix ("/actieplan/"), as for a site without
        a prefix on its default language; ours has one and translated paths, so an unprefixed
        path can be a 404. The x-default is the Dutch URL, as in every page's head."""
        urls = super().get_urls(*args, **kwargs)
        for info in urls:
            alternates = {a["lang_code"]: a for a in info["alternates"]}
            if "x-default" in alternates and settings.LANGUAGE_CODE in alternates:
                alternates["x-default"]["location"] = alternates[settings.LANGUAGE_CODE]["location"]
        return urls


class PagesSitemap(I18nSitemap):
    priority = 0.8

    def items(self):
        return [
            "home",
            "actionplan:current_plan",
            "events:agenda",
            "indicators:list",
            "events:places",
            "partners:list",
            "pages:about",
            "pages:help",
            "pages:privacy",
            "pages:accessibility",
            "pages:contact",
        ]

    def location(self, name):
        return reverse(name)


class PlanSitemap(I18nSitemap):
    def items(self):
        return Plan.objects.published().order_by("start_year", "pk")  # never a draft


class ObjectiveSitemap(I18nSitemap):
    def items(self):
        return (
            Objective.objects.filter(plan__in=Plan.objects.published())
            .select_related("plan")
            .order_by("plan__start_year", "number")
        )


class ActionSitemap(I18nSitemap):
    def items(self):
        return (
            Action.objects.public()
            .filter(objective__plan__in=Plan.objects.published())
            .order_by("identifier", "pk")
        )


class IndicatorSitemap(I18nSitemap):
    def items(self):
        return Indicator.objects.public().order_by("plan__start_year", "order", "code", "pk")


class FocusSitemap(I18nSitemap):
    def items(self):
        return YearFocus.objects.order_by("year")


class PartnerSitemap(I18nSitemap):
    def items(self):
        return Partner.objects.order_by("pk")


class EventSitemap(I18nSitemap):
    def items(self):
        return Event.objects.published().order_by("start", "pk")

    def lastmod(self, event):
        return event.updated_at


class PlaceSitemap(I18nSitemap):
    def items(self):
        return Place.objects.public().order_by("pk")


class OpenDataSitemap(Sitemap):
    """The open-data page has one address for every language (no prefix)."""

    def items(self):
        return ["api:documentation"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "open-data": OpenDataSitemap,
    "pages": PagesSitemap,
    "plans": PlanSitemap,
    "objectives": ObjectiveSitemap,
    "actions": ActionSitemap,
    "indicators": IndicatorSitemap,
    "focus": FocusSitemap,
    "partners": PartnerSitemap,
    "events": EventSitemap,
    "places": PlaceSitemap,
}


@reads_query("p")
def sitemap_xml(request):
    return sitemap(request, SITEMAPS)


@reads_query()
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        *(f"Disallow: {path}" for path in _workspace_paths()),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _workspace_paths():
    """The signed-in part of the site, in every language."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("workspace"))
    return paths
