"""``scrisk serve``: the web page for officers who do not use a terminal.

One more thin front-end beside the CLI: it calls the same library and
register, renders the same typed assessment document through Jinja2
templates (autoescaped: declared text is always data), and owns nothing the
CLI lacks except sessions and CSRF. :func:`scrisk.web.app.create_app` builds
the ASGI application; ``scrisk serve`` runs it under uvicorn.

Modules: ``app`` (the application and its pages), ``guard`` (host, token,
same-origin, CSRF, size limits, security headers), ``uploads`` (an upload
read into a private temporary file and parsed like a file on the command
line), ``views`` (what a page shows, from the document), ``records`` (the
register as the pages read it: live assessments of stored declarations).
"""
