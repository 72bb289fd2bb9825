"""Does a flood of wrong passwords slow the directory down? (Not part of `make test`.)

    python -m tests.bench.signin_flood http://127.0.0.1:8766 /services/SOME-SLUG/ --seconds 20 --clients 10

Against a running SupportMap (gunicorn, DEBUG=0, BEHIND_TLS_PROXY=1 so that each flood client can
stand for its own network address through X-Forwarded-For, and SESSION_COOKIE_SECURE=0,
CSRF_COOKIE_SECURE=0 because it speaks plain HTTP). For `--seconds`, `--clients` clients post
wrong passwords to /accounts/login/ with real CSRF tokens, each from its own address, while one
client fetches the given page. It prints the page's median time and requests per second, and how
many sign-in attempts were answered (200: the password was checked) or refused (429). Run it with
`--clients 0` first for the baseline, in the same session, and compare the two: this machine is
noisy, so only ratios from one run mean much.

Loopback only, and bounded in time: it refuses any other host.
"""

import argparse
import http.cookiejar
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

LOOPBACK = {"127.0.0.1", "localhost", "[::1]"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the site, such as http://127.0.0.1:8766")
    parser.add_argument("page", help="the page to time, such as /services/some-slug/")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=10)
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.base).hostname
    if host not in LOOPBACK and f"[{host}]" not in LOOPBACK:
        parser.error("only a server on this machine (127.0.0.1, localhost or [::1]) may be flooded")
    if not 0 < args.seconds <= 300:
        parser.error("--seconds must be between 0 and 300")

    stop = time.monotonic() + args.seconds
    answers: Counter = Counter()
    lock = threading.Lock()
    page_times: list[float] = []

    def flood(n: int):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        headers = {"X-Forwarded-For": f"198.51.100.{n + 1}", "X-Forwarded-Proto": "https"}
        login = args.base + "/accounts/login/"
        html = opener.open(urllib.request.Request(login, headers=headers), timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        headers["Referer"] = login.replace("http://", "https://")
        attempt = 0
        while time.monotonic() < stop:
            attempt += 1
            form = {
                "csrfmiddlewaretoken": token,
                "username": f"x{n}-{attempt}@example.org",
                "password": "wrong",
            }
            request = urllib.request.Request(login, urllib.parse.urlencode(form).encode(), headers)
            try:
                status = opener.open(request, timeout=60).status
            except urllib.error.HTTPError as error:
                status = error.code
            with lock:
                answers[status] += 1

    def reader():
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
        while time.monotonic() < stop:
            started = time.monotonic()
            urllib.request.urlopen(
                urllib.request.Request(args.base + args.page, headers=headers), timeout=60
            ).read()
            page_times.append(time.monotonic() - started)

    threads = [threading.Thread(target=flood, args=(n,)) for n in range(args.clients)]
    threads.append(threading.Thread(target=reader))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    print(
        f"{args.clients} flood clients: page median {statistics.median(page_times) * 1000:.0f} ms, "
        f"{len(page_times) / elapsed:.1f} requests/s; sign-in answers {dict(sorted(answers.items()))}"
    )


if __name__ == "__main__":
    main()
