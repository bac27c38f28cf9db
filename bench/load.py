"""wrk against the running servers, 64 connections each: the minimal Django view (the ratio's
denominator, bench/minimal.py), then home, agenda, an action page and the feeds three ways:
from the page cache (no cookie), as an anonymous visitor who carries a CSRF cookie (the sign-in
page left it: still a stored page) and as a signed-in partner (the stored page with their own
parts); anonymous visitors ask for gzip, as browsers and calendar clients do. Then, against a
server without the page cache, home, agenda and action as a visitor and as a signed-in partner:
every page made by the view, from its stored parts. Requests per second, p50 and p99
latency, errors.
Usage: `minimal URL SECONDS OUT` (while only the minimal server runs), then
`pages PORTAL SECONDS PAGES.json OUT COOKIES` (adds to OUT; COOKIES: the two lines of
`manage.py bench_session`, the session cookie and a CSRF cookie), then `uncached` with the same
arguments against the server without a page cache."""

import json
import re
import subprocess
import sys
import urllib.request

PAGES = ["home", "agenda", "action", "feed .ics", "feed rss"]
SIGNED_IN = ["home", "agenda", "action"]


def _ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url, seconds, cookie=None, gzip=False):
    command = ["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    if gzip:
        command[1:1] = ["-H", "Accept-Encoding: gzip"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in socket.groups()) if socket else 0
    )
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    return {"rps": rps, "requests": requests, "errors": errors, "p50_ms": p50, "p99_ms": p99}


def minimal(url, seconds, out):
    with open(out, "w") as f:
        json.dump({"minimal Django view": wrk(url + "/", seconds)}, f, indent=1)


def _load(base, seconds, pages_file, out, names, ways):
    """wrk on each page of `names` each of `ways` (label, cookie, gzip, pages), added to OUT."""
    with open(pages_file) as f:
        urls = {name: base + page["url"] for name, page in json.load(f).items()}
    with open(out) as f:
        results = json.load(f)
    for name in names:
        urllib.request.urlopen(urls[name]).read()  # the steady state: page or parts stored
        for label, cookie, gzip, only in ways:
            if name in only:
                results[f"{name} ({label})"] = wrk(urls[name], seconds, cookie, gzip)
        print(name, {k: v for k, v in results.items() if k.startswith(name)}, flush=True)
    with open(out, "w") as f:
        json.dump(results, f, indent=1)


def pages(base, seconds, pages_file, out, cookies):
    session, csrf = cookies.splitlines()
    ways = [
        ("cache", None, True, PAGES),
        ("CSRF cookie", csrf, True, PAGES),
        ("signed-in partner", session, False, SIGNED_IN),
    ]
    _load(base, seconds, pages_file, out, PAGES, ways)


def uncached(base, seconds, pages_file, out, cookies):
    session, _csrf = cookies.splitlines()
    ways = [
        ("no page cache", None, True, SIGNED_IN),
        ("no page cache, signed-in partner", session, False, SIGNED_IN),
    ]
    _load(base, seconds, pages_file, out, SIGNED_IN, ways)


if __name__ == "__main__":
    if sys.argv[1] == "minimal":
        minimal(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        run = pages if sys.argv[1] == "pages" else uncached
        run(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6])
