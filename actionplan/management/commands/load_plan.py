"""`manage.py load_plan FILE [--dry-run]`: the name the content format's documentation uses
for load_rainbow_plan (one command, two names)."""

from .load_rainbow_plan import Command  # noqa: F401
