"""Tests against the portal running as in production (bin/production-smoke starts it).

They talk HTTP to the gunicorn instances in SMOKE_URLS, as nginx would (with
X-Forwarded-Proto: https), and use the ORM on the same database to set up accounts."""

import http.client
import os
import time
import urllib.parse
from http.cookies import SimpleCookie

import django
import pytest

if not os.environ.get("SMOKE_URLS"):
    raise RuntimeError(
        "tests/production/ runs through bin/production-smoke (it starts the servers)"
    )

django.setup()


# The public host name: nginx passes it to every instance (proxy_set_header Host $host).
HOST = "localhost"


class Client:
    """A browser behind the city's nginx: HTTPS and one host name as far as the portal knows,
    cookies kept, redirects not followed."""

    def __init__(self, base_url, cookies=None):
        self.base_url = base_url
        self.netloc = urllib.parse.urlsplit(base_url).netloc
        self.host = HOST
        self.cookies = {} if cookies is None else cookies

    def request(self, method, path, data=None, headers=None, https=True):
        connection = http.client.HTTPConnection(self.netloc, timeout=20)
        sent = {"Host": self.host, **(headers or {})}
        if https:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"https://{self.host}"
            sent["Referer"] = f"https://{self.host}{path}"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        response.text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        connection.close()
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        data = {"csrfmiddlewaretoken": self.cookies.get("__Host-csrftoken", ""), **data}
        return self.request("POST", path, data=data, **kwargs)

    def on(self, other_base_url):
        """The same browser (same cookies) talking to another instance."""
        return Client(other_base_url, self.cookies)


@pytest.fixture(scope="session")
def base_urls():
    urls = os.environ["SMOKE_URLS"].split()
    for url in urls:  # wait until every instance answers
        netloc = urllib.parse.urlsplit(url).netloc
        for _ in range(100):
            try:
                connection = http.client.HTTPConnection(netloc, timeout=2)
                connection.request(
                    "GET", "/nl/", headers={"Host": HOST, "X-Forwarded-Proto": "https"}
                )
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            pytest.fail(f"{url} did not start")
    return urls


@pytest.fixture
def client(base_urls):
    return Client(base_urls[0])
