"""The security headers every answer carries, the WSGI server's own errors too."""

# Images come from Gloss only: the reader shows an article's images through Gloss
# (server/web/images.py), so reading a page tells no publisher or tracker about it.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

# Every answer carries these, also the errors the WSGI server writes by itself.
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
