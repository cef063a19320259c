"""The page django-axes shows when a username and address pair is locked out (AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from apps.security.ip import client_ip


def locked_out_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    username = get_client_username(request, credentials) or ""
    # Each refused try restarts the wait (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), so the
    # lock ends one cool-off after the last recorded try of this pair.
    last = AccessAttempt.objects.filter(username=username, ip_address=client_ip(request)).aggregate(
        last=Max("attempt_time")
    )["last"]
    until = (last or timezone.now()) + get_cool_off(request)
    context = {
        "username": username,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "until": timezone.localtime(until),
        "minutes": round(get_cool_off(request).total_seconds() / 60),
    }
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        message = f"登录失败次数过多，账号已暂时锁定，请于 {context['until']:%H:%M} 后再试。"
        return JsonResponse({"errors": {"__all__": [message]}}, status=429)
    return render(request, "security/locked_out.html", context, status=429)
