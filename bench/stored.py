"""The cost of a stored page inside the process: the WSGI handler called in a loop, no server
and no network but Redis. `python -m bench.stored PATH [COOKIE] [N] [--profile]` in bin/bench's
environment (DJANGO_SETTINGS_MODULE=bench.settings, the page cache on); for the minimal view's
figure, DJANGO_SETTINGS_MODULE=bench.minimal and PATH /. Prints milliseconds per request."""

import cProfile
import io
import os
import pstats
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

if os.environ["DJANGO_SETTINGS_MODULE"] == "bench.minimal":
    from bench.minimal import application
else:
    from bench.wsgi import application


def call(path, cookie=None):
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8031", "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
        "SERVER_PROTOCOL": "HTTP/1.1",
    }  # fmt: skip
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    status = []
    body = application(environ, lambda line, headers, *rest: status.append(line))
    b"".join(body)
    body.close()
    return status[0]


def main(path, cookie=None, n="2000", *flags):
    n = int(n)
    print(call(path, cookie), call(path, cookie))  # the second one is stored
    start = time.perf_counter()
    for _ in range(n):
        call(path, cookie)
    print(f"{(time.perf_counter() - start) / n * 1000:.3f} ms per request")
    if "--profile" in flags:
        profile = cProfile.Profile()
        profile.runcall(lambda: [call(path, cookie) for _ in range(n)])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main(*sys.argv[1:])
