"""server/services/fetch.py: address checks before connecting, redirects, limits,
character sets. Traffic goes only to a local site on 127.0.0.1."""
from __future__ import annotations

import socket
import ssl

import pytest
import trustme

from server.services import fetch
from server.services.fetch import FetchError, FetchSettings, TransientFetchError
from tests.local_site import LocalSite, Route

LOOPBACK = fetch.parse_networks("127.0.0.1/32")
ARTICLE = "<html><head><title>Hello</title></head><body><article><p>Some words.</p></article></body></html>"


def allowed(**kw) -> FetchSettings:
    return FetchSettings(max_bytes=kw.pop("max_bytes", 1 << 20), allow_networks=LOOPBACK, **kw)


DEFAULT = FetchSettings(max_bytes=1 << 20)


@pytest.fixture()
def no_connections(monkeypatch):
    """Fails the test if any connection is opened."""
    def refuse(*args, **kwargs):
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(fetch, "connection_pool", refuse)


def test_fetches_a_page_with_gloss_user_agent_and_no_cookies(site):
    site.routes["/start"] = Route(302, headers={"Location": "/page", "Set-Cookie": "sid=1"})
    site.html("/page", ARTICLE)
    page = fetch.fetch_page(site.base + "/start", allowed())
    assert page.url == site.base + "/page"
    assert "Some words." in page.html
    headers = dict(site.requests)["/page"]
    assert headers["user-agent"].startswith("Gloss/")
    assert "cookie" not in headers
    assert headers["host"] == f"127.0.0.1:{site.port}"


def test_proxy_settings_from_the_environment_are_ignored(site, monkeypatch):
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # discard port: nothing listens
    site.html("/page", ARTICLE)
    assert "Some words." in fetch.fetch_page(site.base + "/page", allowed()).html


def test_follows_up_to_five_redirects_and_no_more(site):
    for n in range(6):
        site.redirect(f"/r{n}", f"/r{n + 1}", status=301 if n % 2 else 307)
    site.html("/r6", ARTICLE)
    assert fetch.fetch_page(site.base + "/r1", allowed()).url == site.base + "/r6"
    with pytest.raises(FetchError, match="redirects too many times"):
        fetch.fetch_page(site.base + "/r0", allowed())


def test_a_missing_page_says_not_found(site):
    with pytest.raises(FetchError, match="not found") as err:
        fetch.fetch_page(site.base + "/missing", allowed())
    assert not err.value.transient


def test_server_errors_are_transient(site):
    site.routes["/down"] = Route(503, b"busy", {"Content-Type": "text/html"})
    with pytest.raises(TransientFetchError, match="status 503"):
        fetch.fetch_page(site.base + "/down", allowed())


def test_an_unreachable_site_is_transient():
    with pytest.raises(TransientFetchError, match="could not be reached"):
        fetch.fetch_page("http://127.0.0.1:9/", allowed())  # discard port: nothing listens


def test_a_pdf_is_not_an_html_page_and_is_not_downloaded(site):
    site.routes["/paper.pdf"] = Route(body=b"%PDF-1.7 " + b"x" * 4_000_000, headers={"Content-Type": "application/pdf"})
    with pytest.raises(FetchError, match=r"not an HTML page \(it is a PDF document\)"):
        fetch.fetch_page(site.base + "/paper.pdf", allowed(max_bytes=10_000_000))


def test_an_oversized_page_is_refused_while_streaming(site):
    site.html("/big", "<html><body>" + "x" * 50_000 + "</body></html>")
    with pytest.raises(FetchError, match="larger than"):
        fetch.fetch_page(site.base + "/big", allowed(max_bytes=10_000))


def test_the_size_cap_applies_after_decompression(site):
    site.html("/bomb", "<html><body>" + "a" * 200_000 + "</body></html>", gzip=True)
    assert len(site.routes["/bomb"].body) > 10_000
    with pytest.raises(FetchError, match="larger than"):
        fetch.fetch_page(site.base + "/bomb", allowed(max_bytes=10_000))
    site.html("/small", ARTICLE, gzip=True)
    assert "Some words." in fetch.fetch_page(site.base + "/small", allowed()).html


def test_a_slow_server_times_out(site):
    site.html("/slow", ARTICLE, delay=3)
    with pytest.raises(TransientFetchError, match="took too long"):
        fetch.fetch_page(site.base + "/slow", allowed(total_timeout=0.5))


def test_charset_declared_only_by_meta(site):
    body = ('<html><head><meta charset="ISO-8859-1"><title>Caf\u00e9</title></head>'
            '<body><p>d\u00e9j\u00e0 vu</p></body></html>')
    site.html("/latin1", body.encode("iso-8859-1"), content_type="text/html")
    page = fetch.fetch_page(site.base + "/latin1", allowed())
    assert "d\u00e9j\u00e0 vu" in page.html
    assert page.encoding in ("cp1252", "iso8859-1", "latin-1")  # browsers read ISO-8859-1 as windows-1252


def test_header_charset_wins_over_meta_and_bom_wins_over_both(site):
    body = '<html><head><meta charset="utf-8"></head><body><p>\u00e9t\u00e9</p></body></html>'
    site.html("/header", body.encode("iso-8859-1"), content_type="text/html; charset=iso-8859-1")
    assert "\u00e9t\u00e9" in fetch.fetch_page(site.base + "/header", allowed()).html
    site.html("/bom", b"\xef\xbb\xbf" + body.encode("utf-8"), content_type="text/html; charset=iso-8859-1")
    assert "\u00e9t\u00e9" in fetch.fetch_page(site.base + "/bom", allowed()).html


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "2130706433", "10.0.0.1",
                                  "169.254.169.254", "[::ffff:127.0.0.1]", "0.0.0.0", "224.0.0.1",
                                  "[fe80::1]", "100.64.0.1", "[2002:7f00:1::]"])
def test_local_and_private_addresses_are_refused_before_connecting(site, no_connections, host):
    with pytest.raises(FetchError) as err:
        fetch.fetch_page(f"http://{host}:{site.port}/", DEFAULT)
    assert err.value.message == fetch.NOT_ALLOWED
    assert "127.0.0.1" not in err.value.message and "10.0.0.1" not in err.value.message
    assert site.requests == []


REAL_GETADDRINFO = socket.getaddrinfo


def _resolving_to(*addresses):
    """A resolver for names; address literals (what a connection to a checked address
    looks up) still go to the real one, which answers them without any lookup."""
    def fake_getaddrinfo(host, port, *args, **kwargs):
        if _is_address(host):
            return REAL_GETADDRINFO(host, port, *args, **kwargs)
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in addresses]
    return fake_getaddrinfo


def _is_address(host) -> bool:
    try:
        fetch.ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def test_a_name_resolving_to_a_private_address_is_refused(monkeypatch, no_connections):
    monkeypatch.setattr(fetch.socket, "getaddrinfo", _resolving_to("10.1.2.3"))
    with pytest.raises(FetchError, match="not allowed"):
        fetch.fetch_page("https://intranet.example/", DEFAULT)
    # One bad address among good ones is enough: the connection could go to any of them.
    monkeypatch.setattr(fetch.socket, "getaddrinfo", _resolving_to("93.184.216.34", "192.168.0.1"))
    with pytest.raises(FetchError, match="not allowed"):
        fetch.fetch_page("https://mixed.example/", DEFAULT)


def test_the_connection_goes_to_the_checked_address(site, monkeypatch):
    """The name is resolved once; the connection is made to that address, the name kept for Host."""
    answers = iter([_resolving_to("127.0.0.1"), _resolving_to("10.0.0.1")])
    calls = []

    def resolve_once_then_change(host, port, *args, **kwargs):
        if _is_address(host):
            return REAL_GETADDRINFO(host, port, *args, **kwargs)
        calls.append(host)
        return next(answers)(host, port)

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolve_once_then_change)
    site.html("/page", ARTICLE)
    page = fetch.fetch_page(f"http://news.example:{site.port}/page", allowed())
    assert "Some words." in page.html
    assert calls == ["news.example"]
    assert dict(site.requests)["/page"]["host"] == f"news.example:{site.port}"


def test_a_redirect_into_a_refused_address_is_not_followed(site, monkeypatch):
    """Two loopback addresses: 127.0.0.1 is allowed, 127.0.0.2 is not."""
    opened = []
    real_pool = fetch.connection_pool

    def watch(target, address, timeout, ca_certs=None):
        opened.append(str(address))
        return real_pool(target, address, timeout, ca_certs)

    monkeypatch.setattr(fetch, "connection_pool", watch)
    other = LocalSite("127.0.0.2")
    other.html("/page", ARTICLE)
    site.redirect("/to-other-loopback", other.base + "/page")
    site.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
    site.redirect("/to-allowed", "/page")
    site.html("/page", ARTICLE)
    for path in ("/to-other-loopback", "/to-metadata"):
        with pytest.raises(FetchError, match="not allowed"):
            fetch.fetch_page(site.base + path, allowed())
    assert opened == ["127.0.0.1", "127.0.0.1"]
    assert fetch.fetch_page(site.base + "/to-allowed", allowed()).url == site.base + "/page"
    both = FetchSettings(max_bytes=1 << 20, allow_networks=fetch.parse_networks("127.0.0.1, 127.0.0.2/32"))
    assert other.requests == []
    assert fetch.fetch_page(site.base + "/to-other-loopback", both).url == other.base + "/page"
    other.close()


@pytest.mark.parametrize("url", ["ftp://example.com/file", "file:///etc/passwd", "javascript:alert(1)",
                                 "http://", "http://exa mple.com:99999/"])
def test_only_http_and_https_links_are_fetched(url, no_connections):
    with pytest.raises(FetchError):
        fetch.fetch_page(url, DEFAULT)


def test_allow_networks_setting_is_parsed_and_checked():
    assert fetch.parse_networks("") == ()
    assert [str(n) for n in fetch.parse_networks("10.0.0.0/8, ::1")] == ["10.0.0.0/8", "::1/128"]
    with pytest.raises(ValueError, match="GLOSS_FETCH_ALLOW_NETWORKS"):
        fetch.parse_networks("not-a-network")


# ---- TLS: the connection goes to the checked address, the certificate is checked for the name

@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


def tls_site(ca, name: str, sni_seen: list) -> LocalSite:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(name).configure_cert(context)
    context.sni_callback = lambda sock, server_name, ctx: sni_seen.append(server_name)
    site = LocalSite(tls=context)
    site.html("/page", ARTICLE)
    return site


def test_https_to_the_checked_address_keeps_sni_and_verifies_the_name(ca, tmp_path, monkeypatch):
    monkeypatch.setattr(fetch.socket, "getaddrinfo", _resolving_to("127.0.0.1"))
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    trusted = FetchSettings(max_bytes=1 << 20, allow_networks=LOOPBACK, ca_certs=str(bundle))
    seen: list = []
    site = tls_site(ca, "news.example", seen)
    try:
        page = fetch.fetch_page(f"https://news.example:{site.port}/page", trusted)
        assert "Some words." in page.html and seen == ["news.example"]
        with pytest.raises(FetchError, match="certificate could not be verified"):
            fetch.fetch_page(f"https://other.example:{site.port}/page", trusted)  # not the certificate's name
        with pytest.raises(FetchError, match="certificate could not be verified"):
            fetch.fetch_page(f"https://news.example:{site.port}/page", allowed())  # not a trusted authority
    finally:
        site.close()
