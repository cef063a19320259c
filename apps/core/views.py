"""Answers the site gives outside any app."""

from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@require_safe
def favicon(request):
    """Browsers ask every site for /favicon.ico, whatever its pages link (and its PDFs and
    downloads link nothing): answer with the project's icon instead of a 404. Not permanent, so a
    new icon (a new hashed name in production) is picked up."""
    return HttpResponseRedirect(static("favicon.ico"))
