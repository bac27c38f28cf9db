"""Maps of places without another host: a drawing of where places lie relative to each other,
made on the server from their coordinates (an inline SVG with a scale bar and north up), and
what the "Show the map" button needs to load OpenStreetMap's tiles only when asked.

The drawing is an equirectangular projection scaled by the cosine of the middle latitude:
over a city, the error against the true distances is far under a pixel."""

import math
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

METRES_PER_DEGREE = 111_320  # one degree of latitude; of longitude, times cos(latitude)
OSM_COPYRIGHT = "https://www.openstreetmap.org/copyright"
NICE_LENGTHS = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000]


def tile_origin():
    """The tile server's origin (https://tile.openstreetmap.org), for the CSP's img-src."""
    parts = urlsplit(settings.MAP_TILE_URL)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class Dot:
    number: int
    place: object
    x: float
    y: float
    highlighted: bool


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    dots: list
    scale_length: int  # metres
    scale_pixels: float

    @property
    def scale_label(self):
        if self.scale_length >= 1000:
            return _("%(km)s km") % {"km": f"{self.scale_length / 1000:g}"}
        return _("%(m)s m") % {"m": self.scale_length}

    @property
    def numbers(self):
        """{place pk: its number on the drawing}, for the list beside it."""
        return {dot.place.pk: dot.number for dot in self.dots}


def draw(places, highlight=None, width=640, height=400, margin=36):
    """The drawing of `places` that have coordinates, numbered in the order given; `highlight`
    (a place) drawn larger. None when no place has coordinates."""
    located = [p for p in places if p.has_coordinates]
    if not located:
        return None
    lats = [float(p.latitude) for p in located]
    lons = [float(p.longitude) for p in located]
    middle = math.radians((min(lats) + max(lats)) / 2)
    xs = [lon * math.cos(middle) for lon in lons]
    ys = [-lat for lat in lats]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    inner_w, inner_h = width - 2 * margin, height - 2 * margin - 24  # room for the scale bar
    # Degrees per pixel: fit both spans; a single place (or places in one spot) gets 1 km across.
    span = max(span_x / inner_w, span_y / inner_h) or 1000 / METRES_PER_DEGREE / inner_w
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    dots = [
        Dot(
            number=number,
            place=place,
            x=round(width / 2 + (x - centre_x) / span, 1),
            y=round(margin + inner_h / 2 + (y - centre_y) / span, 1),
            highlighted=highlight is not None and place.pk == highlight.pk,
        )
        for number, (place, x, y) in enumerate(zip(located, xs, ys, strict=True), start=1)
    ]
    metres_per_pixel = span * METRES_PER_DEGREE
    fitting = [n for n in NICE_LENGTHS if n / metres_per_pixel <= inner_w / 3] or NICE_LENGTHS[:1]
    length = fitting[-1]
    return Drawing(width, height, dots, length, round(length / metres_per_pixel, 1))


def map_context(drawn, on_map, highlight=None):
    """The template context of a map: the drawing of `drawn` (with `highlight`), and what the
    button's map shows (`on_map`) from which tile server."""
    return {
        "drawing": draw(drawn, highlight=highlight),
        "map_places": leaflet_places(on_map),
        "map_tiles": settings.MAP_TILE_URL,
        # HTML for Leaflet's attribution control; the template escapes it into an attribute.
        "map_attribution": _("© %(openstreetmap)s contributors")
        % {"openstreetmap": f'<a href="{OSM_COPYRIGHT}">OpenStreetMap</a>'},
    }


def leaflet_places(places):
    """What the map script draws: name, page and coordinates of each place that has them."""
    return [
        {
            "name": place.name,
            "url": place.get_absolute_url(),
            "lat": float(place.latitude),
            "lon": float(place.longitude),
        }
        for place in places
        if place.has_coordinates
    ]
