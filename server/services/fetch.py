"""Fetching pages from the web: the only code in Gloss that opens outbound connections.

A user names the link, so the link must not reach what only the server can reach:
every address its host name resolves to is checked before connecting, and the
connection then goes to that checked address (urllib3 connected to the IP, the
host name kept for the Host header, SNI and certificate verification), so a second
DNS answer cannot swap in another address. Loopback, private, link-local (cloud
metadata), multicast, reserved, unspecified and IPv4-mapped addresses are refused
unless the administrator allows their network (GLOSS_FETCH_ALLOW_NETWORKS).
Redirects are followed by hand, each target checked the same way.

Sizes are counted after decompression while streaming; connect and total
timeouts hold; no cookies are kept and proxy settings are ignored (urllib3 pools
have neither). The character set is found as a browser finds it: byte-order mark,
then the Content-Type header, then a <meta> in the page (w3lib).

Errors are `FetchError`s whose message is a sentence for the user; it never names
an address. `transient` ones (timeouts, unreachable sites, server errors) are
worth trying again later.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from urllib3.exceptions import (ConnectTimeoutError, HTTPError, NewConnectionError, ProtocolError,
                                ReadTimeoutError, SSLError)
from w3lib.encoding import html_to_unicode

from ..version import __version__

USER_AGENT = f"Gloss/{__version__} (self-hosted read-it-later; +https://github.com/gloss)"
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Names of common non-HTML types, for a message a user understands.
TYPE_NAMES = {"application/pdf": "a PDF document", "application/json": "JSON data",
              "text/plain": "plain text", "application/zip": "a zip archive",
              "application/octet-stream": "a file download"}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class FetchSettings:
    max_bytes: int
    allow_networks: tuple[IPNetwork, ...] = ()
    connect_timeout: float = 10.0
    total_timeout: float = 30.0
    max_redirects: int = MAX_REDIRECTS
    user_agent: str = USER_AGENT
    ca_certs: str | None = None  # a CA bundle (PEM file); None: certifi's


def parse_networks(value: str) -> tuple[IPNetwork, ...]:
    """`GLOSS_FETCH_ALLOW_NETWORKS`: comma-separated CIDRs (a bare address is a /32 or /128)."""
    try:
        return tuple(ipaddress.ip_network(part.strip(), strict=False)
                     for part in value.split(",") if part.strip())
    except ValueError as exc:
        raise ValueError(f"GLOSS_FETCH_ALLOW_NETWORKS: {exc}") from None


def settings_from_config(config) -> FetchSettings:
    return FetchSettings(max_bytes=config["MAX_PAGE_BYTES"], allow_networks=config["FETCH_ALLOW_NETWORKS"],
                         connect_timeout=config["FETCH_CONNECT_TIMEOUT_S"],
                         total_timeout=config["FETCH_TIMEOUT_S"])


class FetchError(Exception):
    """Why a link could not be fetched, as a sentence for the user."""

    transient = False

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransientFetchError(FetchError):
    """Worth trying again later: the site was slow, unreachable or failing."""

    transient = True


NOT_ALLOWED = ("This address is not allowed: Gloss does not fetch pages on local or private "
               "networks.")


@dataclass
class FetchedResponse:
    url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes = field(repr=False)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()


@dataclass
class FetchedPage:
    url: str
    html: str
    encoding: str


# ---- addresses ----------------------------------------------------------------------

def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the host name resolves to (tests replace this)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError("The site's name could not be found.") from None
    addresses = []
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError("The site's name could not be found.")
    return addresses


def is_public(address: IPAddress) -> bool:
    """Whether an address is on the public internet (what any user may reach anyway)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return False  # ::ffff:127.0.0.1 is 127.0.0.1 to most stacks
        embedded = address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is not None and not is_public(embedded):
            return False
    return not (address.is_private or address.is_loopback or address.is_link_local
                or address.is_multicast or address.is_reserved or address.is_unspecified
                or not address.is_global)


def is_allowed(address: IPAddress, settings: FetchSettings) -> bool:
    return is_public(address) or any(address in network for network in settings.allow_networks
                                     if network.version == address.version)


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect, and what to ask for."""

    url: str
    scheme: str
    host: str  # as in the URL, for Host, SNI and the certificate
    port: int
    path: str
    addresses: tuple[IPAddress, ...]

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


def check_url(url: str, settings: FetchSettings) -> Target:
    """Resolves the URL's host and checks every address; raises FetchError if any is refused.
    Nothing is connected to."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise FetchError("This link is not a valid web address.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError("Only http and https links can be fetched.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise FetchError("This link is not a valid web address.")
    port = port or (443 if scheme == "https" else 80)
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        addresses = resolve(host, port)
    if not all(is_allowed(address, settings) for address in addresses):
        raise FetchError(NOT_ALLOWED)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(url=url, scheme=scheme, host=host, port=port, path=path, addresses=tuple(addresses))


# ---- connecting -----------------------------------------------------------------------

def connection_pool(target: Target, address: IPAddress, timeout: urllib3.Timeout, ca_certs: str | None = None):
    """A pool connected to the checked address; HTTPS keeps the host name for SNI and
    verifies the certificate against it."""
    common: dict[str, Any] = dict(host=str(address), port=target.port, timeout=timeout, retries=False, maxsize=1)
    if target.scheme == "https":
        is_ip = target.host == str(address)
        return urllib3.HTTPSConnectionPool(
            **common, cert_reqs="CERT_REQUIRED", ca_certs=ca_certs or certifi.where(),
            server_hostname=None if is_ip else target.host, assert_hostname=target.host)
    return urllib3.HTTPConnectionPool(**common)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TransientFetchError("The site took too long to answer.")
    return left


def _request(target: Target, settings: FetchSettings, deadline: float, accept: str):
    headers = {"Host": target.host_header, "User-Agent": settings.user_agent, "Accept": accept,
               "Accept-Encoding": "gzip, deflate"}
    last_error: Exception | None = None
    for address in target.addresses:
        timeout = urllib3.Timeout(connect=min(settings.connect_timeout, _remaining(deadline)),
                                  read=_remaining(deadline))
        pool = connection_pool(target, address, timeout, settings.ca_certs)
        try:
            return pool.urlopen("GET", target.path, headers=headers, redirect=False, retries=False,
                                preload_content=False, decode_content=True, assert_same_host=False)
        except (ConnectTimeoutError, NewConnectionError) as exc:
            last_error = exc  # try the host's next address
        except SSLError:
            raise FetchError("The site's security certificate could not be verified.") from None
        except ReadTimeoutError:
            raise TransientFetchError("The site took too long to answer.") from None
        except (ProtocolError, HTTPError):
            raise TransientFetchError("The site closed the connection before answering.") from None
    # urllib3's NewConnectionError (refused, unreachable) is a kind of ConnectTimeoutError.
    if isinstance(last_error, ConnectTimeoutError) and not isinstance(last_error, NewConnectionError):
        raise TransientFetchError("The site took too long to answer.")
    raise TransientFetchError("The site could not be reached.")


def _read_body(response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes and \
            not response.headers.get("content-encoding"):
        raise FetchError(_too_large(max_bytes))
    chunks, size = [], 0
    try:
        while True:
            _remaining(deadline)
            chunk = response.read1(CHUNK)  # decompressed: the cap applies to what is kept
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(_too_large(max_bytes))
            chunks.append(chunk)
    except ReadTimeoutError:
        raise TransientFetchError("The site took too long to answer.") from None
    except (ProtocolError, HTTPError):
        raise TransientFetchError("The connection broke while the page was downloading.") from None
    return b"".join(chunks)


def _too_large(max_bytes: int) -> str:
    return f"The page is larger than the {max_bytes / 1048576:g} MiB limit."


def _status_error(status: int) -> FetchError:
    if status in (404, 410):
        return FetchError("The page was not found (the site answered 404).")
    if status in (401, 403):
        return FetchError("The site did not let Gloss see this page (it needs a sign-in or refuses robots); "
                          "save it from your browser instead.")
    if status == 429 or status >= 500:
        return TransientFetchError(f"The site answered with an error (status {status}); Gloss will try again.")
    return FetchError(f"The site answered with status {status} instead of the page.")


def fetch(url: str, settings: FetchSettings, *, accept: str = "*/*",
          accept_types: tuple[str, ...] | None = None, max_bytes: int | None = None) -> FetchedResponse:
    """GETs the URL, following up to settings.max_redirects redirects, each checked.
    Answers the final 2xx response with its (decompressed) body. With `accept_types`,
    a response declaring another Content-Type is refused before its body is read."""
    deadline = time.monotonic() + settings.total_timeout
    cap = settings.max_bytes if max_bytes is None else max_bytes
    current = url
    for _ in range(settings.max_redirects + 1):
        target = check_url(current, settings)
        response = _request(target, settings, deadline, accept)
        try:
            if response.status in REDIRECT_STATUSES and response.headers.get("location"):
                current = urljoin(current, response.headers["location"].strip())
                continue
            if not 200 <= response.status < 300:
                raise _status_error(response.status)
            headers = {k.lower(): v for k, v in response.headers.items()}
            _check_type(headers, accept_types)
            body = _read_body(response, cap, deadline)
            return FetchedResponse(url=current, status=response.status, headers=headers, body=body)
        finally:
            response.release_conn()
            response.close()
    raise FetchError("The link redirects too many times.")


def _check_type(headers: dict, accept_types: tuple[str, ...] | None) -> None:
    kind = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if accept_types is None or not kind or kind in accept_types:
        return
    name = TYPE_NAMES.get(kind) or (f"an image ({kind})" if kind.startswith("image/") else kind)
    raise FetchError(f"This link is not an HTML page (it is {name})." if accept_types == HTML_TYPES
                     else f"This link is not what was expected (it is {name}).")


def fetch_page(url: str, settings: FetchSettings) -> FetchedPage:
    """Fetches an HTML page and decodes it as a browser would."""
    response = fetch(url, settings, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                     accept_types=HTML_TYPES)
    if not response.content_type and not _looks_like_html(response.body):
        raise FetchError("This link is not an HTML page.")
    encoding, html = html_to_unicode(response.headers.get("content-type"), response.body)
    return FetchedPage(url=response.url, html=html, encoding=encoding)


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<!--"))
