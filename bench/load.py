"""wrk against the running server: requests per second of home, agenda, an action page and
the feeds, and of the bare view, each with 64 connections. Usage: BASE SECONDS PAGES.json OUT."""

import json
import re
import subprocess
import sys
import urllib.request

PAGES = ["home", "agenda", "action", "feed .ics", "feed rss"]


def wrk(url, seconds):
    out = subprocess.run(
        ["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in socket.groups()) if socket else 0
    )
    return {"rps": rps, "requests": requests, "errors": errors}


def main(base, seconds, pages_file, out):
    with open(pages_file) as f:
        pages = json.load(f)
    results = {"bare view": wrk(f"{base}/bench-bare/", seconds)}
    for name in PAGES:
        # The steady state: one request first stores the page in the cache.
        urllib.request.urlopen(base + pages[name]["url"]).read()
        results[name] = wrk(base + pages[name]["url"], seconds)
        print(name, results[name], flush=True)
    results["bare view (again)"] = wrk(f"{base}/bench-bare/", seconds)
    with open(out, "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4])
