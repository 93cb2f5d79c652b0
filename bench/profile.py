"""Where a request's time goes: pyinstrument over repeated requests in one process, on a built benchmark wiki.

    pip install pyinstrument   # into the venv; not a project dependency
    python -m bench.profile [--db sqlite:///PATH] [--repeat 50] [--member] PATH [PATH...]

Without --db it uses the cached large wiki in BENCH_DIR (build it with `make bench` or `python -m bench.build`).
--member logs the bench user in first; --html DIR also writes pyinstrument's HTML reports.
"""

import argparse
import os
import time
from pathlib import Path

from bench import build
from bench.build import BENCH_PASSWORD, BENCH_USER


def cached_big_wiki() -> str:
    path = Path(os.environ.get("BENCH_DIR") or "/tmp/wiki-bench") / f"big-{build.cache_key()}.db"
    if not path.exists():
        raise SystemExit(f"{path} does not exist: run `make bench` or `python -m bench.build big sqlite:///{path}`")
    return f"sqlite:///{path}"


def main() -> None:
    from pyinstrument import Profiler

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--db", help="database URL (default: the cached large wiki, read-only use)")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--member", action="store_true", help="profile as the logged-in bench user")
    parser.add_argument("--html", type=Path, help="also write HTML reports into this folder")
    args = parser.parse_args()

    app = build.make_app(args.db or cached_big_wiki())
    # Anonymous readers (and wrk) send no cookie, so each request starts a new session, as here.
    client = app.test_client(use_cookies=args.member)
    if args.member:
        from bench.run import csrf_token

        token = csrf_token(client.get("/auth/login").text)
        response = client.post(
            "/auth/login", data={"username": BENCH_USER, "password": BENCH_PASSWORD, "csrf_token": token}
        )
        assert response.status_code == 303, response.status_code
    for path in args.paths:
        for _ in range(3):  # warm: templates compiled, connections open
            assert client.get(path).status_code == 200, path
        profiler = Profiler(interval=0.0005)
        started = time.perf_counter()
        profiler.start()
        for _ in range(args.repeat):
            client.get(path)
        profiler.stop()
        per_request = (time.perf_counter() - started) / args.repeat * 1000
        print(f"\n=== GET {path}: {per_request:.1f} ms a request in-process ({args.repeat} requests) ===")
        print(profiler.output_text(unicode=True, color=False, show_all=False, time="percent_of_total"))
        if args.html:
            args.html.mkdir(parents=True, exist_ok=True)
            name = path.strip("/").replace("/", "_").replace("?", "_").replace("&", "_") or "home"
            (args.html / f"{name}.html").write_text(profiler.output_html())


if __name__ == "__main__":
    main()
