"""Types of propexo_preflight.guards: the httpx hook and the requests adapter."""

from typing import Any, Awaitable, Callable, List, Literal, Optional, TypeVar, Union

import httpx
from requests.adapters import HTTPAdapter

from . import Document, Instant, Issue, Report

__all__ = ["PreflightAdapter", "guard_httpx"]

#: What a guard sends after a valid check: the normalized body, or the body as given.
_Send = Literal["normalized", "as-given"]
#: Called with the warnings and the whole report before a valid body is sent; raising stops
#: the request. With an httpx.AsyncClient it may return an awaitable.
_OnWarnings = Callable[[List[Issue], Report], Union[None, Awaitable[None], object]]

_Client = TypeVar("_Client", httpx.Client, httpx.AsyncClient)

def guard_httpx(
    client: _Client,
    *,
    coerce: bool = False,
    rate_limits: Optional[Document] = None,
    now: Optional[Instant] = None,
    current: bool = False,
    send: _Send = "normalized",
    on_warnings: Optional[_OnWarnings] = None,
) -> _Client: ...

class PreflightAdapter(HTTPAdapter):
    def __init__(
        self,
        *,
        coerce: bool = False,
        rate_limits: Optional[Document] = None,
        now: Optional[Instant] = None,
        current: bool = False,
        send: _Send = "normalized",
        on_warnings: Optional[_OnWarnings] = None,
        **kwargs: Any,
    ) -> None: ...
