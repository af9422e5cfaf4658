"""Guards for the HTTP clients, so a bad integration body never leaves the process.

:func:`guard_httpx` installs a request hook on an ``httpx.Client`` or ``httpx.AsyncClient``;
:class:`PreflightAdapter` is a ``requests`` transport adapter. Both recognize the two
requests that carry an integration body -- ``POST .../v1/admin/integrations/`` (create) and
``PUT .../v1/admin/integrations/{id}/`` (update) -- read the body and hand it to
:func:`propexo_preflight.check`. They route and nothing else: every rule is in the core.

httpx and requests are imported only when a guard for them is made, so this module needs
neither.
"""

import inspect
import json
import re
from urllib.parse import urlsplit

from . import PreflightError, check

__all__ = ["PreflightAdapter", "guard_httpx"]

_CREATE_PATH = re.compile(r"/v1/admin/integrations/?$")
_UPDATE_PATH = re.compile(r"/v1/admin/integrations/[^/]+/?$")
_SEND = ("normalized", "as-given")
# Headers that describe the body; the GET of the stored integration has none.
_BODY_HEADERS = ("content-length", "transfer-encoding")


def _operation(method, url):
    """``"create"`` or ``"update"`` for the two guarded requests, else None."""
    path = urlsplit(str(url)).path
    method = method.upper()
    if method == "POST" and _CREATE_PATH.search(path):
        return "create"
    if method == "PUT" and _UPDATE_PATH.search(path):
        return "update"
    return None


def _may_be_json(content_type):
    """JSON, text/plain (a string sent without a type) or no type at all: read as JSON text.
    Forms and every other type pass untouched."""
    media = (content_type or "").split(";")[0].strip().lower()
    return media in ("", "application/json", "text/plain") or media.endswith("+json")


def _dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


class _Guard:
    """The settings of one guard, and the judgement of one body."""

    def __init__(self, coerce, rate_limits, now, current, send, on_warnings):
        if send not in _SEND:
            raise ValueError("send must be 'normalized' or 'as-given', not %r" % (send,))
        if on_warnings is not None and not callable(on_warnings):
            raise TypeError("on_warnings must be callable")
        if not isinstance(current, bool):
            # The stored integration differs per request: the guard reads it, it is not given.
            raise TypeError("current must be True or False")
        self.options = {"coerce": coerce, "rate_limits": rate_limits, "now": now}
        self.current = current
        self.send = send
        self.on_warnings = on_warnings

    def wants(self, method, url, content_type):
        operation = _operation(method, url)
        if operation is None or not _may_be_json(content_type):
            return None
        return operation

    def judge(self, operation, body, stored):
        """The report and the bytes to send (None: the body as given); raises
        :class:`PreflightError` when the body has errors."""
        report = check(body, operation=operation, current=stored, **self.options)
        if not report["valid"]:
            raise PreflightError(report["issues"])
        data = _dumps(report["normalized"]) if self.send == "normalized" else None
        return report, data

    def warnings(self, report):
        """The callback's result (an awaitable from an async callback), or None."""
        warnings = [issue for issue in report["issues"] if issue["severity"] == "warning"]
        if warnings and self.on_warnings is not None:
            return self.on_warnings(warnings, report)
        return None


# --- httpx --------------------------------------------------------------------------------


def _httpx_get_args(request):
    headers = [(k, v) for k, v in request.headers.multi_items() if k.lower() not in _BODY_HEADERS]
    return str(request.url), headers


def _httpx_replace_body(request, data):
    import httpx

    request.stream = httpx.ByteStream(data)
    # httpx keeps the read body beside the stream; keep the two the same.
    request._content = data
    request.headers.pop("transfer-encoding", None)
    request.headers["content-length"] = str(len(data))


def _httpx_stored_or_raise(response):
    import httpx

    if response.is_success:
        return response.content
    raise httpx.HTTPStatusError(
        "reading the stored integration (GET %s) answered %d; the update was not sent"
        % (response.request.url, response.status_code),
        request=response.request,
        response=response,
    )


def guard_httpx(
    client,
    *,
    coerce=False,
    rate_limits=None,
    now=None,
    current=False,
    send="normalized",
    on_warnings=None,
):
    """Checks every Create and Update an integration body ``client`` sends.

    Adds a request hook to an ``httpx.Client`` or ``httpx.AsyncClient`` and returns the
    client. A body with errors raises :class:`PreflightError` and is not sent; a valid one
    is sent normalized (``send="as-given"``: as given). ``current=True`` first reads the
    stored integration with a GET of the same URL through the same client and headers.
    ``on_warnings(warnings, report)`` is called before sending (it may be async with an
    ``AsyncClient``); raising from it stops the request. The report is also in
    ``response.request.extensions["preflight_report"]``.
    """
    import httpx

    guard = _Guard(coerce, rate_limits, now, current, send, on_warnings)

    def wanted(request):
        return guard.wants(request.method, request.url, request.headers.get("content-type"))

    def apply(request, report, data):
        if data is not None:
            _httpx_replace_body(request, data)
        request.extensions = {**request.extensions, "preflight_report": report}

    if isinstance(client, httpx.AsyncClient):

        async def preflight_hook(request):
            operation = wanted(request)
            if operation is None:
                return
            body = await request.aread()
            if not body:
                return
            stored = None
            if operation == "update" and guard.current:
                url, headers = _httpx_get_args(request)
                stored = _httpx_stored_or_raise(await client.get(url, headers=headers))
            report, data = guard.judge(operation, body, stored)
            result = guard.warnings(report)
            if inspect.isawaitable(result):
                await result
            apply(request, report, data)

    elif isinstance(client, httpx.Client):

        def preflight_hook(request):
            operation = wanted(request)
            if operation is None:
                return
            body = request.read()
            if not body:
                return
            stored = None
            if operation == "update" and guard.current:
                url, headers = _httpx_get_args(request)
                stored = _httpx_stored_or_raise(client.get(url, headers=headers))
            report, data = guard.judge(operation, body, stored)
            guard.warnings(report)
            apply(request, report, data)

    else:
        raise TypeError("guard_httpx takes an httpx.Client or httpx.AsyncClient, not %s" % type(client).__name__)

    hooks = dict(client.event_hooks)
    hooks["request"] = [*hooks.get("request", []), preflight_hook]
    client.event_hooks = hooks
    return client


# --- requests -----------------------------------------------------------------------------


def __getattr__(name):
    # The adapter subclasses requests' HTTPAdapter: defined on first use, so importing this
    # module does not import requests.
    if name == "PreflightAdapter":
        from ._requests_adapter import PreflightAdapter

        return PreflightAdapter
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
