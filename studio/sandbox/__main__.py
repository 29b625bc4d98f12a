"""``python -m studio.sandbox [--port N] [--latency S]``: run the sandbox in the foreground."""

from __future__ import annotations

import argparse
import logging
import threading

from studio.sandbox.server import SandboxServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studio.sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (0 = any free port)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument("--require-key", default=None, help="answer 401 unless this key is sent")
    parser.add_argument("--url-host", choices=("same", "alt"), default="same")
    parser.add_argument(
        "--profile",
        choices=("openai", "relay"),
        default="openai",
        help="openai: shut-down models answer 404 as OpenAI does; relay: still served",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(message)s")
    server = SandboxServer(
        args.host,
        args.port,
        latency=args.latency,
        require_key=args.require_key,
        url_host=args.url_host,
        profile=args.profile,
    )
    server.start()
    print(f"Sandbox serving at {server.base_url}  (Ctrl+C to stop)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
