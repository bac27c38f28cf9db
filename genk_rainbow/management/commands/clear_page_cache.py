from django.core.management.base import BaseCommand

from genk_rainbow import generations
from genk_rainbow.page_cache import content_changed


class Command(BaseCommand):
    help = (
        "Make every page stored for anonymous visitors, and every stored part of a page, stale "
        "(after restoring a backup)."
    )

    def handle(self, *args, **options):
        # The generation bump the content signals make, not cache.clear(): that would empty
        # the whole Redis database, the rate limits and used two-factor codes included.
        content_changed()
        generations.forget_all()  # a restore writes outside Django: no generation saw it
        self.stdout.write("Page cache cleared: every stored page is made again on its next visit.")
