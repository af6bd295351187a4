"""What keeps the local server safe: the Host header checked (DNS rebinding), a POST only from
the same origin and with the session's token, and the security headers on every answer.

Pure ASGI middleware: no framework is needed to read it, and it runs before any page does.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "escalate_token"
TOKEN_FIELD = "token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")  # as Host names them, brackets dropped

# No inline script or style, nothing from another origin, never framed, no referrer.
HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


def is_loopback(host: str) -> bool:
    """Whether a bind address or host name is this machine only."""
    name = host.strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _host_name(value: str) -> str:
    """The name of a Host header, without its port: 127.0.0.1:8000 → 127.0.0.1, [::1]:80 → ::1."""
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def new_token() -> str:
    return secrets.token_urlsafe(24)


def same_token(cookie: str | None, field: str | None) -> bool:
    return bool(cookie and field) and hmac.compare_digest(str(cookie), str(field))


class Guard:
    """Refuses a request for another host (400), a cross-origin POST (403); adds the headers."""

    def __init__(self, app: ASGIApp, *, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}

    def _host_ok(self, scope: Scope) -> bool:
        if "*" in self.hosts:
            return True
        host = _header(scope, b"host")
        return host is not None and _host_name(host.lower()) in self.hosts

    def _origin_ok(self, scope: Scope) -> bool:
        """A POST that names an origin (Origin, else Referer) names this server. Our pages
        send no referrer, so a browser's own form says "Origin: null": the session's token
        (a SameSite=Strict cookie matched by the form's field) is then what proves it."""
        host = (_header(scope, b"host") or "").lower()
        origin = _header(scope, b"origin") or _header(scope, b"referer")
        if not origin or origin == "null":
            return True
        return urlsplit(origin).netloc.lower() == host

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self._host_ok(scope):
            await _plain(send, 400, "Bad Host header")
            return
        if scope["method"] not in ("GET", "HEAD") and not self._origin_ok(scope):
            await _plain(send, 403, "Cross-origin request refused")
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in HEADERS.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8")]
    headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
