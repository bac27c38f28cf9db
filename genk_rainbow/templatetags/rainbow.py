from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname

from genk_rainbow import stored_parts
from genk_rainbow.identity import SiteIdentity
from genk_rainbow.light_forms import light_fields
from genk_rainbow.markdown import render_markdown
from genk_rainbow.roles import is_city_staff
from genk_rainbow.shared_pages import marked

from ..renditions import renditions

register = template.Library()
# Open Graph's og:locale is language_TERRITORY; the portal speaks Flemish Dutch.
OG_LOCALES = {"nl": "nl_BE", "en": "en_GB", "fr": "fr_BE", "de": "de_BE"}


@register.filter
def markdown(text):
    return mark_safe(render_markdown(text))  # render_markdown sanitises with nh3


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language: an object's own URL when the page shows one (its
    slug differs per language), otherwise the same route translated."""
    request = context["request"]
    obj = context.get("object")
    current = translation.get_language()
    links = []
    identity = context.get("identity") or SiteIdentity.current()
    for code in identity.language_codes:  # the languages this city publishes
        if obj is not None and hasattr(obj, "get_absolute_url"):
            with translation.override(code):
                url = obj.get_absolute_url()
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": url,
                # hreflang, canonical and Open Graph want absolute URLs
                "absolute": request.build_absolute_uri(url),
                "active": code == current,
                "default": code == settings.LANGUAGE_CODE,  # also the x-default
                "locale": OG_LOCALES.get(code, translation.to_locale(code)),
            }
        )
    return links


# The progress bar, the status badge and the roll-up note are on every list of actions (64
# badges on the plan page): built in Python, as a template each cost 0.3 ms (an inclusion
# tag renders its template in a new context), a third of the objective page made afresh.
@register.simple_tag
def progress_bar(value, label="", rollup=None):
    """A progress bar, or "no progress reported yet" for None; with a roll-up (anything with
    counted_count and reported_count), how many actions reported the figure."""
    note = format_html(" ({})", rollup_note(rollup)) if rollup else ""
    if value is None or value == "":
        empty = _("No progress reported yet")
        return format_html('<p class="text-body-secondary small mb-0">{}{}</p>', empty, note)
    value = round(float(value))
    name = _("Progress of %(label)s") % {"label": label} if label else _("Progress")
    return format_html(
        '<div class="progress-wrap">\n  <progress class="progress-meter" max="100" value="{}" '
        'aria-label="{}">{}%</progress>\n  <span class="progress-text small">{}{}</span>\n</div>',
        value, name, value, _("%(value)s%% done") % {"value": value}, note,
    )  # fmt: skip


@register.simple_tag
def rollup_note(rollup):
    """How many of the counted actions reported a progress figure."""
    if not rollup.counted_count:
        return _("no counted actions")
    return ngettext(
        "a progress figure from %(reported)s of %(counter)s action",
        "progress figures from %(reported)s of %(counter)s actions",
        rollup.counted_count,
    ) % {"counter": rollup.counted_count, "reported": rollup.reported_count}


@register.simple_tag
def status_badge(status, display):
    return format_html('<span class="badge status status-{}">{}</span>', status, display)


@register.simple_tag(takes_context=True)
def dutch_fallback(context, obj, *fields):
    """Tell city staff which of the object's texts on this page are the Dutch fallback because
    their translation into the page's language is still empty. Nobody else sees it (and for
    them it costs nothing: it is on every page of an object)."""
    request = context.get("request")
    language = translation.get_language()
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if language == default or request is None or not is_city_staff(request.user):
        return ""
    missing = [
        str(obj._meta.get_field(field).verbose_name)
        for field in fields
        if getattr(obj, build_localized_fieldname(field, default))
        and not getattr(obj, build_localized_fieldname(field, language))
    ]
    if not missing:
        return ""
    name = translation.get_language_info(language)["name_translated"]
    return format_html(
        '<p class="dutch-fallback"><span class="badge text-bg-warning">{}</span> '
        '<span class="small">{}</span></p>',
        _("Dutch text, no %(language)s translation yet") % {"language": name},
        capfirst(", ".join(missing)),
    )


@register.inclusion_tag("includes/responsive_image.html")
def responsive_image(field, alt, sizes="100vw", css_class="img-fluid", eager=False):
    """A <picture> of an uploaded image: WebP copies by width (genk_rainbow/renditions.py),
    the cleaned original as fallback, its size, lazy unless `eager`."""
    return {
        "field": field, "alt": alt, "sizes": sizes, "css_class": css_class, "eager": eager,
        "copies": renditions(field) if field else None,
    }  # fmt: skip


@register.simple_tag(takes_context=True)
def personal(context, name):
    """A part of the layout that is the user's own (genk_rainbow/shared_pages.py), marked so a
    stored page can be served to a signed-in user with this part made for them."""
    return marked(name, context.template.engine.get_template(name).render(context))


@register.simple_tag
def light_form(form):
    """A form's fields as crispy renders them, without crispy's cost (light_forms.py)."""
    return light_fields(form)


@register.simple_tag
def icon(name):
    """An icon of the sprite (static/img/icons.svg, frontend/build_icons.py), beside a text
    that says the same: hidden from screen readers, never the only label of a control."""
    return format_html(
        '<svg class="icon" aria-hidden="true" focusable="false" width="16" height="16">'
        '<use href="{}#{}"></use></svg>',
        static("img/icons.svg"),
        name,
    )


@register.tag
def stored(parser, token):
    """{% stored "name" [value ...] [clock] %}…{% endstored %}: a part of a public page kept
    until a table it was made from is written (genk_rainbow/stored_parts.py); `clock` for a
    part that also changes with the time (what is upcoming)."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% stored %} needs the part's name")
    clock = bits[-1] == "clock"
    if clock:
        bits = bits[:-1]
    nodelist = parser.parse(("endstored",))
    parser.delete_first_token()
    return StoredNode(nodelist, [parser.compile_filter(bit) for bit in bits], clock)


class StoredNode(template.Node):
    def __init__(self, nodelist, values, clock):
        self.nodelist, self.values, self.clock = nodelist, values, clock

    def render(self, context):
        name, *vary = (value.resolve(context) for value in self.values)
        return stored_parts.part(
            context.get("request"), name, lambda: self.nodelist.render(context), vary, self.clock
        )
