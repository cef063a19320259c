"""Answers the site gives outside any app."""

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.http import require_safe


@require_safe
def favicon(request):
    """Browsers ask every site for /favicon.ico, whatever its pages link (and its PDFs and
    downloads link nothing): answer with the project's icon instead of a 404. Not permanent, so a
    new icon (a new hashed name in production) is picked up."""
    return HttpResponseRedirect(static("favicon.ico"))


def permission_denied(request, exception=None):
    """A 403 with its reason: the page for a browser, JSON for the workspace's autosave script
    (static/js/autosave.js shows the reason on the card, e.g. 材料已提交审核，退回后才能修改)."""
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        reason = str(exception or "") or "您没有执行此操作的权限。"
        return JsonResponse(
            {"ok": False, "errors": {"__all__": [reason]}},
            status=403,
            json_dumps_params={"ensure_ascii": False},
        )
    return defaults.permission_denied(request, exception)


# Django's reasons (django.middleware.csrf.REASON_*) grouped by what the user can do about them.
_CSRF_NO_COOKIE = (
    "浏览器没有送回本站的安全验证 Cookie：可能是浏览器禁用了 Cookie，"
    "或者本站只允许通过 https:// 访问而您用的是 http://。请允许本站使用 Cookie，刷新页面后再提交。"
)
_CSRF_EXPIRED = (
    "这个页面打开的时间太久，或者您在另一个窗口登录、退出过，页面里的安全验证已经失效。"
    "请先把刚填写的内容复制保存，刷新页面后再提交。"
)
_CSRF_OTHER_SITE = (
    "这次提交来自另一个网址，或者浏览器没有说明它来自哪里，为了安全没有受理。"
    "请从本站页面重新提交；如果您通过新的域名或代理访问本站，"
    "请管理员把该地址加入 DJANGO_CSRF_TRUSTED_ORIGINS。"
)


def csrf_explanation(reason: str) -> str:
    from django.middleware import csrf

    if reason == csrf.REASON_NO_CSRF_COOKIE or reason.startswith("CSRF cookie"):
        return _CSRF_NO_COOKIE
    if reason == csrf.REASON_CSRF_TOKEN_MISSING or reason.startswith("CSRF token"):
        return _CSRF_EXPIRED
    return _CSRF_OTHER_SITE


def csrf_failure(request, reason: str = ""):
    """settings.CSRF_FAILURE_VIEW: a refused form in Chinese, saying why and what to do; JSON for
    the workspace's scripts (autosave.js shows the reason on the card and keeps the text)."""
    message = csrf_explanation(reason)
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse(
            {"ok": False, "errors": {"__all__": [message]}},
            status=403,
            json_dumps_params={"ensure_ascii": False},
        )
    return render(request, "403_csrf.html", {"message": message, "reason": reason}, status=403)
