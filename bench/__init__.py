"""The benchmark of docs/performance.md: `make bench` (bin/bench) runs it."""
