"""The web side of the central service: the staff back office (``/backoffice/``) and
the citizen's look-up page (``/tra-cuu``), server-rendered with Jinja2.

:func:`central.web.routes.mount` adds both to the FastAPI application.
"""
