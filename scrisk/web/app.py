"""The web application: the home page, uploads, login and the error pages.

``create_app(register=...)`` gives a Starlette application; the record,
solicitation and contract pages are in :mod:`scrisk.web.pages`. Endpoints
read the form (bounded by the guard), check its CSRF token, then do the work
of the library in a worker thread (assessing is CPU work) and redirect
(303) so that reloading a page never posts twice.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from functools import cache
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from scrisk.dates import parse_date
from scrisk.errors import DeclarationError, ScriskError
from scrisk.register import Register
from scrisk.web.guard import AUTH_COOKIE, LOOPBACK_NAMES, Guard, Keys, cookie_header
from scrisk.web.pages import (
    award,
    contract_page,
    decide,
    download_json,
    download_xlsx,
    picture,
    record_page,
    rescreen_now,
    solicitation_page,
)
from scrisk.web.records import Records
from scrisk.web.site import Site, form_lang, link, read_form, site_of
from scrisk.web.uploads import MAX_UPLOAD_BYTES, parse_declaration, read_upload

STAGES = ("bid", "contract")


async def home(request: Request) -> Response:
    site = site_of(request)
    recent = await run_in_threadpool(site.records.recent)
    return site.page(request, "home.html", recent=recent, faults=None, filename=None)


async def upload(request: Request) -> Response:
    """Assess an uploaded declaration with the register's decisions, record it, show it."""
    site = site_of(request)
    form = await read_form(request)
    lang = form_lang(form)
    file = form.get("declaration")
    if file is None or isinstance(file, str) or not file.filename:
        return await _faults(request, lang, None, [("", "web.upload.missing")])
    body = await read_upload(file)
    as_of_text = str(form.get("as_of") or "").strip()
    stage = str(form.get("stage") or "bid")
    problems = []
    as_of: date | None = None
    if as_of_text:
        try:
            as_of = parse_date(as_of_text)
        except ValueError:
            problems.append(("as_of", "web.upload.bad_date"))
    if stage not in STAGES:
        problems.append(("stage", "web.upload.bad_stage"))
    if problems:
        return await _faults(request, lang, file.filename, problems)
    try:
        rid = await run_in_threadpool(_assess_and_record, site, body, file.filename, as_of, stage)
    except DeclarationError as error:
        return await _faults(request, lang, file.filename, error.faults)
    return RedirectResponse(link(f"/records/{rid}", lang), status_code=303)


def _assess_and_record(
    site: Site, body: bytes, filename: str | None, as_of: date | None, stage: str
) -> str:
    from scrisk.assessment import assess

    received = parse_declaration(body, filename)
    decisions = site.records.register.decisions_for(received.declaration)
    assessment = assess(received.declaration, as_of=as_of, decisions=decisions, stage=stage)
    return site.records.record(assessment, body=received.body, filename=received.filename)


async def _faults(request: Request, lang: str, filename: str | None, faults: list[Any]) -> Response:
    """The home page again, with every fault of the upload (file, sheet/row or path, field)."""
    from scrisk.i18n import t

    site = site_of(request)
    faults = [
        {"where": str(f.location), "message": f.message}
        if hasattr(f, "location")
        else {"where": f[0], "message": t(f[1], lang)}
        for f in faults
    ]
    recent = await run_in_threadpool(site.records.recent)
    return site.page(
        request, "home.html", status=400, lang=lang, recent=recent, faults=faults, filename=filename
    )


STYLE = "style.css"


async def style_sheet(request: Request) -> Response:
    """The one style sheet, read from the package once: no request path names a file."""
    return Response(_style(), media_type="text/css", headers={"cache-control": "max-age=3600"})


@cache
def _style() -> bytes:
    from importlib import resources

    return resources.files("scrisk.web").joinpath("static", STYLE).read_bytes()


async def login_form(request: Request) -> Response:
    site = site_of(request)
    if not site.keys.token:
        return RedirectResponse("/", status_code=303)
    return site.page(request, "login.html", failed=False)


async def login(request: Request) -> Response:
    site = site_of(request)
    form = await read_form(request)
    if not site.keys.token:
        return RedirectResponse("/", status_code=303)
    if not site.keys.token_matches(str(form.get("token") or "")):
        return site.page(request, "login.html", status=401, lang=form_lang(form), failed=True)
    response = RedirectResponse(link("/", form_lang(form)), status_code=303)
    secure = request.url.scheme == "https"
    response.headers.append(
        "set-cookie", cookie_header(AUTH_COOKIE, site.keys.auth_cookie(), secure=secure)
    )
    return response


async def logout(request: Request) -> Response:
    await read_form(request)
    response = RedirectResponse("/login", status_code=303)
    response.headers.append(
        "set-cookie", f"{AUTH_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
    )
    return response


async def http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    return site_of(request).error(request, status)


async def scrisk_error(request: Request, exc: Exception) -> Response:
    """A refusal of the library (an unknown record, a contract already awarded): 400."""
    site = site_of(request)
    return site.page(request, "error.html", status=400, code=400, message=str(exc))


async def server_error(request: Request, exc: Exception) -> Response:
    return site_of(request).error(request, 500)


def create_app(
    *,
    register: Register | str | None = None,
    token: str | None = None,
    hosts: Collection[str] | None = LOOPBACK_NAMES,
    max_upload: int = MAX_UPLOAD_BYTES,
) -> Starlette:
    """The application over ``register`` (a :class:`Register`, a URL or path, or the default).

    ``token``: every request must log in with it. ``hosts``: the host names answered
    (None: any; ``scrisk serve`` gives the loopback names on loopback).
    ``max_upload``: bytes of one request body (the readers' own limits by default).
    """
    from scrisk.register import open_register
    from scrisk.register.connect import RegisterFault

    reg = register if isinstance(register, Register) else open_register(register)
    keys = Keys(token=token or None)
    site = Site.build(Records(reg), keys, max_upload)
    routes = [
        Route("/", home),
        Route("/assess", upload, methods=["POST"]),
        Route("/login", login_form),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/records/{rid}", record_page),
        Route("/records/{rid}/chain.svg", picture),
        Route("/records/{rid}/report.xlsx", download_xlsx),
        Route("/records/{rid}/report.json", download_json),
        Route("/records/{rid}/decisions", decide, methods=["POST"]),
        Route("/records/{rid}/award", award, methods=["POST"]),
        Route("/solicitation", solicitation_page),
        Route("/contracts/{rid}", contract_page),
        Route("/rescreen", rescreen_now, methods=["POST"]),
        Route("/static/style.css", style_sheet),
    ]
    app = Starlette(
        debug=False,
        routes=routes,
        middleware=[
            Middleware(Guard, keys=keys, max_body=max_upload, hosts=hosts, error_page=site.error)
        ],
        exception_handlers={
            HTTPException: http_error,
            RegisterFault: server_error,
            ScriskError: scrisk_error,
            Exception: server_error,
        },
    )
    app.state.site = site
    return app


__all__ = ["create_app"]
