"""The application's state and how a page is rendered: templates, language, errors.

Jinja2 renders every page with autoescaping on (declared names such as
``<script>`` are shown as text) and ``StrictUndefined`` (a template asking for
something the view did not give is a bug, caught by the tests, not a blank).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from scrisk.i18n import LANGS, catalogue, t
from scrisk.web.guard import CSRF_FIELD, Keys, check_csrf, session_of
from scrisk.web.records import Records
from scrisk.web.views import level_name, score_text

ERRORS = (400, 401, 403, 404, 405, 413, 500)
FORM_LIMITS = {"max_files": 1, "max_fields": 20, "max_part_size": 64 * 1024}


def lang_of(request: Request) -> str:
    """``?lang=fr`` (or a form's ``lang``) picks French; anything else is English."""
    value = request.query_params.get("lang", "")
    return value if value in LANGS else "en"


def link(path: str, lang: str, **params: str) -> str:
    """A link inside the site, carrying the language."""
    query = {**params, **({"lang": lang} if lang != "en" else {})}
    return path + ("?" + urlencode(query) if query else "")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("scrisk.web", "templates"),
        autoescape=select_autoescape(("html",), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(link=link, level_name=level_name, score_text=score_text)
    return env


@dataclass
class Site:
    """What every page needs: the register, the keys, the templates, the limits."""

    records: Records
    keys: Keys
    max_upload: int
    env: Environment

    @classmethod
    def build(cls, records: Records, keys: Keys, max_upload: int) -> Site:
        return cls(records=records, keys=keys, max_upload=max_upload, env=_environment())

    def page(
        self,
        request: Request,
        template: str,
        *,
        status: int = 200,
        lang: str | None = None,
        **values: Any,
    ) -> HTMLResponse:
        """Render ``template`` in the request's language with the CSRF token and the switch."""
        lang = lang or lang_of(request)
        other = "fr" if lang == "en" else "en"
        params = {k: v for k, v in request.query_params.items() if k != "lang"}
        context = {
            "lang": lang,
            "_": lambda key, **p: t(key, lang, **p),
            # a word of a vocabulary another part of scrisk owns (evidence kinds, action
            # statuses), as typed when its catalogue does not name it
            "word": lambda key, typed: t(key, lang) if key in catalogue(lang) else typed,
            "csrf_field": CSRF_FIELD,
            "csrf": self.keys.csrf(session_of(request)),
            "switch": {
                "lang": other,
                "href": link(request.url.path, other, **params),
                "label": t("web.switch.fr", lang) if other == "fr" else t("web.switch.en", lang),
            },
            "logged_in": bool(self.keys.token) and self.keys.logged_in(request),
            **values,
        }
        html = self.env.get_template(template).render(context)
        return HTMLResponse(html, status_code=status)

    def error(self, request: Request, status: int) -> Response:
        """The page of an HTTP error: a sentence, never a traceback."""
        code = status if status in ERRORS else 500
        try:
            return self.page(request, "error.html", status=status, code=code)
        except Exception:  # the error page itself must never fail
            return HTMLResponse(f"<!doctype html><title>{code}</title><p>{code}</p>", status)


def site_of(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


async def read_form(request: Request) -> FormData:
    """The posted form, bounded, with its CSRF token checked (403 otherwise)."""
    form = await request.form(**FORM_LIMITS)
    check_csrf(request, form, site_of(request).keys)
    return form


def form_lang(form: FormData) -> str:
    """The language a form was posted from (its hidden ``lang`` field)."""
    value = form.get("lang")
    return value if isinstance(value, str) and value in LANGS else "en"


__all__ = ["ERRORS", "FORM_LIMITS", "Site", "form_lang", "lang_of", "link", "read_form", "site_of"]
