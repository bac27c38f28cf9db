"""Production settings plus one bench-only URL: a bare view to compare the pages with."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
