from django.core.management.base import BaseCommand, CommandError

from actionplan.content_check import ContentError
from actionplan.loader import DATA_FILE, load_rainbow_plan


class Command(BaseCommand):
    help = (
        "Load a city's plan from its content file (the format: docs/content-format.md; Genk's "
        "own by default). The file is checked first and nothing is loaded when it has a problem. "
        "Safe to run again: it adds what is missing and updates what the file changed; it never "
        "touches recorded progress, reviews or history, nor a field the file leaves empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Content file (YAML) to load.")
        parser.add_argument("--file", default=DATA_FILE, help="The same, as an option.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and show what would change; load nothing."
        )

    def handle(self, *args, path, file, dry_run, **options):
        try:
            report = load_rainbow_plan(path or file, dry_run=dry_run)
        except ContentError as error:
            raise CommandError(
                f"{path or file} cannot be loaded; nothing was changed:\n{error}"
            ) from None
        verb = "would create" if dry_run else "created"
        changed = "would update" if dry_run else "updated"
        if not report.total:
            self.stdout.write(
                "Rainbow Action Plan: everything was already loaded; nothing changed."
            )
            return
        for label, count in report.created.items():
            if count:
                self.stdout.write(f"  {verb} {count} {label}")
        for label, items in report.updated.items():
            self.stdout.write(f"  {changed} {len(items)} {label}:")
            for item in items:
                self.stdout.write(f"    {item}")
        created = sum(report.created.values())
        summary = (
            f"Rainbow Action Plan: {verb} {created}, {changed} {report.total - created} objects."
        )
        if dry_run:
            summary += " (dry run: nothing was saved)"
        self.stdout.write(self.style.SUCCESS(summary))
