from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from genk_rainbow import views, workspace
from workspace import views as workspace_views
from workspace.sitemaps import robots_txt, sitemap_xml

handler500 = "genk_rainbow.errors.server_error"

admin.site.site_header = _("Rainbow Action Plan – management")
admin.site.site_title = _("Rainbow Action Plan")
admin.site.index_title = _("Rainbow Action Plan")
# One way in: the admin's own login page sends to allauth's (rate limits, two-factor).
admin.site.login = secure_admin_login(admin.site.login)

page_patterns = (
    [
        path(_("about/"), views.page, {"key": "about"}, name="about"),
        path(_("help/"), views.page, {"key": "help"}, name="help"),
        path(_("privacy/"), views.page, {"key": "privacy"}, name="privacy"),
        path(_("accessibility/"), views.page, {"key": "accessibility"}, name="accessibility"),
        path(_("contact/"), workspace_views.contact, name="contact"),
    ],
    "pages",
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    *i18n_patterns(
        path("", include("workspace.urls")),
        path(_("workspace/my-data/"), workspace.my_data, name="my_data"),
        path(_("workspace/my-data/download/"), workspace.my_data_download, name="my_data_download"),
        path(_("workspace/my-data/erase/"), workspace.erase_account, name="erase_account"),
        path(_("workspace/notifications/"), workspace.notifications, name="notifications"),
        path("accounts/", include("allauth.urls")),
        path("", include(page_patterns)),
        path("", include("actionplan.urls")),
        path("", include("indicators.urls")),
        path("", include("partners.urls")),
        path("", include("events.urls")),
        path("", include("reports.urls")),
        path("", include("search.urls")),
    ),
]

if settings.DEBUG:  # in production the web server serves uploads (docs/deployment.md)
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
