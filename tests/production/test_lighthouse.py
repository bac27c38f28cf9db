"""Lighthouse (mobile, Debian's Chromium) on the production run: home, agenda, an action, an
event and the partners page score at least 0.98 in performance, accessibility, best practices
and SEO. Lighthouse comes from npm (tests/clients, a dev dependency .ci/run installs); the
scores are printed and, with LIGHTHOUSE_SCORES set, written there as JSON for
docs/performance.md."""

import http.client
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from actionplan.models import Action
from events.models import Event

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "tests" / "clients" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FLOOR = 0.98


def pages():
    action = Action.objects.public().order_by("objective__number", "identifier").first()
    event = Event.objects.published().order_by("start").first()
    with translation.override("nl"):
        return {
            "home": reverse("home"),
            "agenda": reverse("events:agenda"),
            "action": action.get_absolute_url(),
            "event": event.get_absolute_url(),
            "partners": reverse("partners:list"),
        }


def run_lighthouse(url, out):
    """One Lighthouse run. Lighthouse itself sometimes dies before it reads the page (Chromium
    not answering its DevTools connection in time on a busy CI machine: exit 1, no report);
    such a crash of the tool is tried once more, and a second one fails with what it said."""
    chromium = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--chrome-path={chromium}", "--chrome-flags=--headless=new --no-sandbox",
        f"--only-categories={','.join(CATEGORIES)}",
    ]  # fmt: skip
    for _attempt in (1, 2):
        done = subprocess.run(command, timeout=240, capture_output=True, text=True)
        if done.returncode == 0 and Path(out).exists():
            return
    pytest.fail(
        f"Lighthouse crashed twice on {url} (exit {done.returncode}): {done.stderr[-2000:]}"
    )


def lighthouse(url, out):
    run_lighthouse(url, out)
    report = json.loads(Path(out).read_text())
    if report.get("runtimeError"):
        pytest.fail(f"Lighthouse could not read {url}: {report['runtimeError']}")
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    if None in scores.values():  # an audit that could not run: Lighthouse says why
        errors = {
            k: a.get("errorMessage") for k, a in report["audits"].items() if a.get("errorMessage")
        }
        pytest.fail(f"Lighthouse could not score {url}: {scores} {errors}")
    failed = {
        ref: audit["title"]
        for ref, audit in report["audits"].items()
        if audit.get("score") is not None and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    }  # fmt: skip
    return scores, failed


class TlsProxyHandler(http.server.BaseHTTPRequestHandler):
    """What nginx does in front of the portal, for a browser that cannot speak HTTPS here:
    every GET is passed on with X-Forwarded-Proto: https (robots.txt too, which Lighthouse
    fetches on its own)."""

    upstream = None

    def do_GET(self):
        connection = http.client.HTTPConnection(self.upstream, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
        connection.request("GET", self.path, headers={**headers, "X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        body = response.read()
        self.send_response(response.status)
        for name, value in response.getheaders():
            if name.lower() not in ("transfer-encoding", "connection"):
                self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        connection.close()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(base_urls):
    handler = type("Handler", (TlsProxyHandler,), {"upstream": urlsplit(base_urls[0]).netloc})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_lighthouse_scores_every_main_page_at_least_098(proxy, tmp_path):
    if not LIGHTHOUSE.exists() or shutil.which("node") is None:
        pytest.fail("lighthouse is missing: npm ci in tests/clients (.ci/run does)")
    results, problems = {}, []
    for name, path in pages().items():
        scores, failed = lighthouse(proxy + path, tmp_path / f"{name}.json")
        results[name] = scores
        low = {category: score for category, score in scores.items() if score < FLOOR}
        if low:
            problems.append(f"{path}: {low}; audits under 0.9: {failed}")
    print(json.dumps(results, indent=1))
    if target := os.environ.get("LIGHTHOUSE_SCORES"):
        Path(target).write_text(json.dumps(results, indent=1))
    assert not problems, "\n".join(problems)
