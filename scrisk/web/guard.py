"""What keeps the page to its officer: hosts, the access token, same-origin posts,
CSRF tokens, bounded bodies and the security headers of every response.

A pure ASGI middleware (it sees the body as it streams, so an oversized upload
is refused with 413 while it arrives, and the server lives on):

- **hosts**: on loopback only the loopback names are answered, so a web page
  elsewhere cannot reach the server through DNS rebinding;
- **token**: with ``SCRISK_SERVE_TOKEN`` every request but the login form and
  the style sheet needs the login cookie (an HMAC of the token, compared in
  constant time; HttpOnly, SameSite=Strict, Secure over https);
- **cross-site posts**: a POST must come from this origin (Origin, else
  Referer), and its form must carry the CSRF token bound to the browser's
  session cookie (checked by :func:`check_csrf` once the form is read);
- **headers**: a Content-Security-Policy without scripts, ``frame-ancestors
  'none'``, ``nosniff``, no referrer off the site, no caching of pages.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import FormData, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorPage = Callable[[Request, int], Response]

SESSION_COOKIE = "scrisk_session"
AUTH_COOKIE = "scrisk_auth"
CSRF_FIELD = "csrf"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
PUBLIC_PATHS = ("/login", "/static/")  # reachable before logging in
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_SESSION = re.compile(r"[A-Za-z0-9_-]{43}")

# no script may run on these pages: there are none, and declared text is data
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
)


@dataclass(frozen=True, slots=True)
class Keys:
    """The process's secret (new at every start) and the access token, if any."""

    token: str | None = None
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def _mac(self, purpose: str, value: str) -> str:
        data = f"{purpose}\x00{value}".encode()
        return hmac.new(self.secret, data, hashlib.sha256).hexdigest()

    def csrf(self, session: str) -> str:
        """The CSRF token of one browser session (what every form carries)."""
        return self._mac("csrf", session)

    def auth_cookie(self) -> str:
        """The login cookie's value: never the token itself."""
        return self._mac("auth", self.token or "")

    def token_matches(self, given: str) -> bool:
        """Constant-time comparison of a typed token with ``SCRISK_SERVE_TOKEN``."""
        if not self.token:
            return False
        return hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    def logged_in(self, request: Request) -> bool:
        cookie = request.cookies.get(AUTH_COOKIE, "")
        return hmac.compare_digest(cookie.encode("ascii", "replace"), self.auth_cookie().encode())


def session_of(request: Request) -> str:
    """The browser session id the guard set for this request."""
    return str(request.scope["state"]["session"])


def check_csrf(request: Request, form: FormData, keys: Keys) -> None:
    """403 unless the form carries the CSRF token of this browser's session."""
    given = form.get(CSRF_FIELD)
    if not isinstance(given, str) or not hmac.compare_digest(
        given.encode("ascii", "replace"), keys.csrf(session_of(request)).encode()
    ):
        raise HTTPException(403, "csrf")


def cookie_header(name: str, value: str, *, secure: bool) -> str:
    """A Set-Cookie value: HttpOnly, SameSite=Strict, Path=/, Secure over https."""
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Strict"]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def same_origin(request: Request) -> bool:
    """The request comes from a page of this site (Origin, else Referer)."""
    host = request.headers.get("host", "")
    expected = f"{request.url.scheme}://{host}".lower()
    origin = request.headers.get("origin")
    if origin is not None:
        return origin.lower() == expected
    referer = request.headers.get("referer")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}".lower() == expected
    return False


def host_allowed(request: Request, hosts: Collection[str] | None) -> bool:
    if hosts is None:
        return True
    name = urlsplit("//" + request.headers.get("host", "")).hostname
    return name is not None and name in hosts


class Guard:
    """The middleware; ``error_page(request, status)`` renders the refusals."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        keys: Keys,
        max_body: int,
        hosts: Collection[str] | None,
        error_page: ErrorPage,
    ) -> None:
        self.app, self.keys, self.max_body = app, keys, max_body
        self.hosts, self.error_page = hosts, error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        session = request.cookies.get(SESSION_COOKIE, "")
        fresh = not _SESSION.fullmatch(session)
        if fresh:
            session = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["session"] = session
        secure = scope.get("scheme") == "https"

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS:  # a route may set a stricter one of its own
                    headers.setdefault(name, value)
                headers.setdefault("cache-control", "no-store")
                if fresh:
                    headers.append(
                        "set-cookie", cookie_header(SESSION_COOKIE, session, secure=secure)
                    )
            await send(message)

        refusal = self._refusal(request)
        if refusal is not None:
            await refusal(scope, receive, send_guarded)
            return
        if request.method in UNSAFE:
            receive = self._bounded(receive)
        await self.app(scope, receive, send_guarded)

    def _refusal(self, request: Request) -> Response | None:
        if not host_allowed(request, self.hosts):
            return self.error_page(request, 400)
        path = request.url.path
        if (
            self.keys.token
            and not path.startswith(PUBLIC_PATHS)
            and not self.keys.logged_in(request)
        ):
            if request.method in ("GET", "HEAD"):
                return Response(status_code=303, headers={"location": "/login"})
            return self.error_page(request, 401)
        if request.method in UNSAFE:
            if not same_origin(request):
                return self.error_page(request, 403)
            length = request.headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                response = self.error_page(request, 413)
                response.headers["connection"] = "close"
                return response
        return None

    def _bounded(self, receive: Receive) -> Receive:
        """``receive`` that refuses the body (413) as soon as it passes the limit."""
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, "too large")
            return message

        return bounded


__all__ = [
    "AUTH_COOKIE",
    "CSP",
    "CSRF_FIELD",
    "LOOPBACK_NAMES",
    "SESSION_COOKIE",
    "Guard",
    "Keys",
    "check_csrf",
    "cookie_header",
    "same_origin",
    "session_of",
]
