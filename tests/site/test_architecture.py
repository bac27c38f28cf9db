"""The shape of the code: imports go one way (an app reads the core app and the apps below it,
never one above), and no module grows past what a reader takes in at once."""

import ast

import pytest
from django.conf import settings

# Bottom to top. config/ (settings, root URLs) sits above them all.
LAYERS = [
    "genk_rainbow", "partners", "actionplan", "indicators", "events", "reports", "search", "api",
    "workspace", "bench",
]  # fmt: skip
MAX_LINES = 520  # "about 500": a module past it is split by concept


def modules(package):
    for path in sorted((settings.BASE_DIR / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def project_imports(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in LAYERS or top == "config":
                yield top, node.lineno


@pytest.mark.parametrize("app", LAYERS)
def test_no_app_imports_an_app_above_it(app):
    allowed = set(LAYERS[: LAYERS.index(app) + 1]) | ({"config"} if app == "bench" else set())
    upward = [
        f"{path.relative_to(settings.BASE_DIR)}:{line} imports {top}"
        for path in modules(app)
        for top, line in project_imports(path)
        if top not in allowed
    ]
    assert upward == []


def test_every_app_is_in_a_layer():
    project_apps = {
        app.split(".")[0]
        for app in settings.INSTALLED_APPS
        if (settings.BASE_DIR / app.split(".")[0]).is_dir()
    }
    assert project_apps == set(LAYERS)


@pytest.mark.parametrize("package", [*LAYERS, "config"])
def test_no_module_is_over_about_500_lines(package):
    long = [
        f"{path.relative_to(settings.BASE_DIR)}: {n} lines"
        for path in modules(package)
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    ]
    assert long == []
