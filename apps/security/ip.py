"""The client's address, as the login throttling (django-axes) and the login audit record it."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind a trusted reverse proxy the address that proxy saw.

    Our nginx site sets X-Forwarded-For to the address it was connected from ($remote_addr); a proxy
    that appends it instead ($proxy_add_x_forwarded_for) puts it last. Either way the last entry is
    the one the proxy vouches for; earlier entries are whatever the client sent and would let anyone
    pick the address they are locked out (or logged) under.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if remote not in settings.TRUSTED_PROXY_IPS:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-1] if forwarded else remote
