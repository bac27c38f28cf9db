from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark and its synthetic demo data (`manage.py generate_demo_data`)."""

    name = "bench"
    verbose_name = "Benchmark"
