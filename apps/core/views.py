"""Answers the site gives outside any app."""

from django.http import HttpResponseRedirect, JsonResponse
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
