"""The requests transport adapter of :mod:`propexo_preflight.guards` (imports requests)."""

import requests
from requests.adapters import HTTPAdapter

from .guards import _BODY_HEADERS, _Guard


def _read(body):
    """The prepared body as bytes (a file or an iterable of chunks is read once)."""
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if hasattr(body, "read"):
        data = body.read()
        return data.encode("utf-8") if isinstance(data, str) else data
    return b"".join(chunk.encode("utf-8") if isinstance(chunk, str) else chunk for chunk in body)


def _set_body(request, data):
    request.body = data
    for name in _BODY_HEADERS:
        request.headers.pop(name, None)
    request.headers["Content-Length"] = str(len(data))


class PreflightAdapter(HTTPAdapter):
    """A transport adapter that checks every Create and Update an integration body.

    Mount it on a session (``session.mount("https://", PreflightAdapter())``). A body with
    errors raises :class:`propexo_preflight.PreflightError` and is not sent; a valid one is
    sent normalized (``send="as-given"``: as given). ``current=True`` first reads the stored
    integration with a GET of the same URL and headers through this adapter.
    ``on_warnings(warnings, report)`` is called before sending; raising from it stops the
    request. The report is also ``response.preflight_report``. Other keyword arguments go
    to ``HTTPAdapter``.
    """

    def __init__(
        self,
        *,
        coerce=False,
        rate_limits=None,
        now=None,
        current=False,
        send="normalized",
        on_warnings=None,
        **kwargs,
    ):
        self._preflight = _Guard(coerce, rate_limits, now, current, send, on_warnings)
        super().__init__(**kwargs)

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        kwargs = {"stream": stream, "timeout": timeout, "verify": verify, "cert": cert, "proxies": proxies}
        guard = self._preflight
        operation = guard.wants(request.method or "GET", request.url, request.headers.get("Content-Type"))
        if operation is None or request.body is None:
            return super().send(request, **kwargs)
        body = _read(request.body)
        if not isinstance(request.body, (str, bytes, bytearray)):
            # A file or a generator can be read once: send what was read.
            _set_body(request, body)
        if not body:
            return super().send(request, **kwargs)
        stored = None
        if operation == "update" and guard.current:
            stored = self._stored(request, kwargs)
        report, data = guard.judge(operation, body, stored)
        guard.warnings(report)
        if data is not None:
            _set_body(request, data)
        response = super().send(request, **kwargs)
        response.preflight_report = report
        return response

    def _stored(self, request, kwargs):
        get = request.copy()
        get.method = "GET"
        get.body = None
        for name in _BODY_HEADERS:
            get.headers.pop(name, None)
        response = super().send(get, **kwargs)
        if not response.ok:
            raise requests.HTTPError(
                "reading the stored integration (GET %s) answered %d; the update was not sent"
                % (get.url, response.status_code),
                response=response,
            )
        return response.content
