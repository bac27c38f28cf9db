from django.core.management.base import BaseCommand

from actionplan.loader import DATA_FILE, load_rainbow_plan


class Command(BaseCommand):
    help = (
        "Load the City of Genk's Rainbow Action Plan (objectives, 2023 focus, partners, pages). "
        "Safe to run again: it only adds what is missing and never changes what staff edited."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=DATA_FILE, help="YAML file to load.")

    def handle(self, *args, file, **options):
        report = load_rainbow_plan(file)
        if not report.total:
            self.stdout.write(
                "Rainbow Action Plan: everything was already loaded; nothing changed."
            )
            return
        for label, count in report.created.items():
            if count:
                self.stdout.write(f"  created {count} {label}")
        self.stdout.write(
            self.style.SUCCESS(f"Rainbow Action Plan: created {report.total} objects.")
        )
