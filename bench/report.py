"""Writes the benchmark's tables into docs/performance.md between the BENCH markers (the rest
of the file is kept). Usage: WORK_DIR COMMAND SCALE..."""

import datetime
import json
import os
import platform
import re
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
START, END = "<!-- BENCH:START -->", "<!-- BENCH:END -->"


def machine():
    cpu = platform.processor()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    load = os.getloadavg()[0]
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {int(mem) / 1024 / 1024:.1f} GiB memory, "
        f"load average {load:.1f} when the report was written"
    )


def main(work, command, *scales):
    work = Path(work)
    data = {s: json.loads((work / f"scale-{s}.json").read_text()) for s in scales}
    lines = [
        START,
        f"Measured {datetime.date.today().isoformat()} on {machine()}.",
        f"Command: `{command}`.",
        "",
        "Each page from its stored parts (as long as nothing it shows changes) and made wholly "
        "afresh (no part or fragment kept: the first request after a change to all it shows).",
        "",
        "| Page | "
        + " | ".join(f"queries (scale {s})" for s in scales)
        + " | "
        + " | ".join(f"median / p95 ms (scale {s})" for s in scales)
        + " | "
        + " | ".join(f"afresh: queries, median ms (scale {s})" for s in scales)
        + " |",
        "|---" * (1 + 3 * len(scales)) + "|",
    ]
    first = data[scales[0]]
    for name in first:
        rows = [data[s].get(name, {}) for s in scales]
        lines.append(
            f"| {name} | "
            + " | ".join(str(r.get("queries", "")) for r in rows)
            + " | "
            + " | ".join(f"{r.get('median_ms', '')} / {r.get('p95_ms', '')}" for r in rows)
            + " | "
            + " | ".join(
                f"{r.get('afresh_queries', '')}, {r.get('afresh_median_ms', '')}" for r in rows
            )
            + " |"
        )
    load_file = work / "load.json"
    if load_file.exists():
        load = json.loads(load_file.read_text())
        minimal = load.get("minimal Django view", {}).get("rps", 0)
        lines += [
            "",
            f"Throughput at scale {os.environ.get('BENCH_LOAD_SCALE', '100')}: gunicorn, "
            "2 sync workers, DEBUG off, Redis page "
            "cache, wrk -t2 -c64 on the same machine, one server at a time. The ratio is to the "
            "minimal Django view (one view, two middlewares: bench/minimal.py); (cache): no "
            "cookie; (CSRF cookie): an anonymous visitor who opened the sign-in page; both ask "
            "for gzip as browsers do; (signed-in partner): a session: the stored page with the "
            "partner's own navigation put in (genk_rainbow/shared_pages.py), made afresh where "
            "the partner sees more than the public; (no page cache): a second server with "
            "PAGE_CACHE_SECONDS=0, every page made by its view from its stored parts "
            "(genk_rainbow/stored_parts.py).",
            "",
            "| URL | requests/s | ratio to minimal view | p50 ms | p99 ms | requests | errors |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, row in load.items():
            ratio = row["rps"] / minimal if minimal else 0
            lines.append(
                f"| {name} | {row['rps']:.0f} | {ratio:.2f} | {row.get('p50_ms', '')} | "
                f"{row.get('p99_ms', '')} | {row['requests']} | {row['errors']} |"
            )
    lines.append(END)
    block = "\n".join(lines)
    text = DOC.read_text()
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n## Benchmark (`make bench`)\n\n" + block + "\n"
    DOC.write_text(text)
    print(block)


if __name__ == "__main__":
    main(*sys.argv[1:])
