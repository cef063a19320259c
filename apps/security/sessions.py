"""Idle sessions: the cookie and the stored session are renewed as the user works, at most once a
minute, instead of on every request (SESSION_SAVE_EVERY_REQUEST would add a session write to each
autosave). The session then ends SESSION_COOKIE_AGE after the last renewal, so at most a minute early."""

import time
from collections.abc import Callable

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

RENEWED_KEY = "_security_renewed"
RENEW_EVERY_SECONDS = 60


class IdleSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only sessions someone is logged in to (an anonymous visit creates none), and only when the
        # session was read anyway: no extra load for requests that never touched it.
        if session is not None and session.accessed and session.get("_auth_user_id"):
            now = int(time.time())
            if now - session.get(RENEWED_KEY, 0) >= RENEW_EVERY_SECONDS:
                session[RENEWED_KEY] = now  # modified: SessionMiddleware saves it with a new expiry
        return response


@receiver(user_logged_in, dispatch_uid="security_session_renewed_at_login")
def renewed_at_login(sender, request, user, **kwargs) -> None:
    # Logging in has just set the session's expiry: the first minute needs no renewal.
    if request is not None and hasattr(request, "session"):
        request.session[RENEWED_KEY] = int(time.time())
