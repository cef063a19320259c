"""Over-large request bodies answered with a clear Chinese 413 instead of Django's bare 400."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _wants_json(request: HttpRequest) -> bool:
    return (
        request.headers.get("x-requested-with") == "XMLHttpRequest"
        or "application/json" in request.headers.get("accept", "")
        or request.content_type == "application/json"
    )


def too_large_response(request: HttpRequest, message: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"ok": False, "errors": {"__all__": [message]}}, status=413)
    html = render_to_string("security/too_large.html", {"message": message}, request=request)
    return HttpResponse(html, status=413)


class RequestBodyLimitMiddleware:
    """Reads the body once, before anything else does, and turns Django's size and field-count
    refusals into a 413 page (or JSON for the autosave and other fetch calls).

    Django raises RequestDataTooBig / TooManyFieldsSent lazily, wherever request.POST or .body is first
    read (here the CSRF check, or a view reading JSON); uncaught they become a bare 400 "Bad Request",
    which would leave a drafter without a clue. Multipart bodies (uploads) are left alone: a view may
    still choose its upload handlers (apps/imports), and only their form fields count against the
    limit; their refusals reach the 400 handler below, which answers the same way.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in UNSAFE_METHODS:
            try:
                if request.content_type == "application/x-www-form-urlencoded":
                    request.POST  # noqa: B018 - parsing is the point: it raises here, not in a view
                elif request.content_type != "multipart/form-data":
                    request.body  # noqa: B018
            except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent) as refusal:
                return too_large_response(request, refusal_message(refusal))
        return self.get_response(request)


def refusal_message(refusal: Exception) -> str:
    if isinstance(refusal, TooManyFieldsSent):
        return f"提交的字段过多（超过 {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} 个），没有保存。请分批提交。"
    if isinstance(refusal, TooManyFilesSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        return f"一次上传的文件过多（超过 {limit} 个），没有保存。请分批上传。"
    limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
    return f"提交的内容过大（超过 {limit_mb:g} MB），没有保存。请分批提交，或把大段文字拆开后再试。"


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: a size refusal raised inside a view (a multipart form's fields) gets the 413 above;
    any other bad request a short Chinese page instead of Django's English "Bad Request (400)"."""
    if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
        return too_large_response(request, refusal_message(exception))
    return HttpResponse(render_to_string("400.html", request=request), status=400)
