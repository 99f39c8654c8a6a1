"""`scrisk serve [--host 127.0.0.1] [--port 8765] [--register URL]`: the web page for officers.

Listens on loopback by default. On any other address it refuses to start
(exit 2) unless ``SCRISK_SERVE_TOKEN`` holds an access token, which every
request then needs (a login form sets the cookie). The socket is bound here,
before the server starts, so an address in use is a clear message and exit 2.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import socket
import sys

TOKEN_ENV = "SCRISK_SERVE_TOKEN"
MIN_TOKEN = 16  # characters: a token a browser remembers, too long to guess


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from scrisk.cli.registry import add_register_option

    p = sub.add_parser(
        "serve",
        help="start the web page for officers (upload, verdict, name matches, award)",
        description="Start a local web page over the library and the register: upload a "
        "declaration and see the verdict and why, answer name matches, compare the bids of "
        "a solicitation, award, re-screen, download the reports; English and French.",
        epilog=f"On an address other than loopback, set {TOKEN_ENV} (at least {MIN_TOKEN} "
        "characters); every visitor then logs in with it. Exit status: 0 stopped; 2 bad "
        "usage, no token off loopback, address in use or unusable register.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port to listen on (default 8765)")
    add_register_option(p)
    p.set_defaults(run=run)


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or ``localhost``; any other name or address is the network."""
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _fail(message: str) -> int:
    print(f"scrisk serve: error: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    token = os.environ.get(TOKEN_ENV, "").strip() or None
    loopback = is_loopback(args.host)
    if not loopback and token is None:
        return _fail(
            f"{args.host} is not a loopback address: anyone on the network could reach the "
            f"register. Set {TOKEN_ENV} to an access token (at least {MIN_TOKEN} characters) "
            "or listen on 127.0.0.1."
        )
    if token is not None and len(token) < MIN_TOKEN:
        return _fail(f"{TOKEN_ENV} is too short: use at least {MIN_TOKEN} characters")
    if not 0 <= args.port <= 65535:
        return _fail(f"--port {args.port}: a port is 0 to 65535")
    from scrisk.cli.registry import open_from_args

    register = open_from_args(args, create=True)  # RegisterError: exit 2 (cli.main)
    try:
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host.strip("[]"), args.port))
    except OSError as error:
        register.close()
        return _fail(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}")
    import uvicorn

    from scrisk.web.app import create_app
    from scrisk.web.guard import LOOPBACK_NAMES

    app = create_app(register=register, token=token, hosts=LOOPBACK_NAMES if loopback else None)
    port = sock.getsockname()[1]
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(
        f"scrisk serve: http://{shown}:{port}/ (register {register.where}); Ctrl+C stops it",
        flush=True,
    )
    config = uvicorn.Config(
        app,
        log_level="warning",
        server_header=False,
        proxy_headers=False,
        access_log=False,
        lifespan="off",
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        register.close()
    return 0


__all__ = ["MIN_TOKEN", "TOKEN_ENV", "is_loopback", "register", "run"]
