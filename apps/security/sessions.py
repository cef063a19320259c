"""Idle sessions: the cookie and the stored session are renewed as the user works, at most once a
minute, instead of on every request (SESSION_SAVE_EVERY_REQUEST would add a session write to each
autosave). The session then ends SESSION_COOKIE_AGE after the last renewal, so at most a minute early.

When it has ended, a page request goes to the login page as usual; a script's request (fetch) is
answered 401 with JSON instead (ExpiredSessionMiddleware), which static/js/session.js turns into the
登录已过期 notice, keeping what the user typed."""

import time
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import resolve_url

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


LOGIN_EXPIRED = "登录已过期（长时间未操作），请重新登录后再试。"


def is_script_request(request: HttpRequest) -> bool:
    """A fetch from the site's scripts: they say so (X-Requested-With), or ask for JSON only."""
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


class ExpiredSessionMiddleware:
    """login_required (or anything else) sending an anonymous script request to the login page: a
    fetch would follow the redirect and get the login page's HTML with a 200, which no script can
    tell from an answer. It gets a 401 with ``login_required`` and the login address instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 302 or not is_script_request(request):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return response  # a signed-in user sent to the login page is refused something else
        login = resolve_url(settings.LOGIN_URL)
        if urlsplit(response["Location"]).path != login:
            return response
        return JsonResponse(
            {"ok": False, "login_required": True, "login_url": login, "errors": {"__all__": [LOGIN_EXPIRED]}},
            status=401,
            json_dumps_params={"ensure_ascii": False},
        )


@receiver(user_logged_in, dispatch_uid="security_session_renewed_at_login")
def renewed_at_login(sender, request, user, **kwargs) -> None:
    # Logging in has just set the session's expiry: the first minute needs no renewal.
    if request is not None and hasattr(request, "session"):
        request.session[RENEWED_KEY] = int(time.time())
