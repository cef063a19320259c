from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from apps.accounts import access
from apps.accounts.access import get_meeting_for_user
from apps.exports.context import member_for_document
from apps.exports.coverage import missing_glyphs
from apps.exports.documents import DocumentError, DocumentNotFound, ExportFile, Kind, parse_document
from apps.exports.exporters import export_document, printed_materials
from apps.exports.rendering import RenderBusy
from apps.exports.signals import document_exported


@require_GET
@login_required
def download(request: HttpRequest, meeting_pk: int, document: str, fmt: str) -> HttpResponse:
    """One document of a meeting as a file. Anything the user may not see, or that cannot exist
    (another unit's member, a ledger as PDF), is a 404."""
    meeting = get_meeting_for_user(request.user, meeting_pk)
    try:
        ref = parse_document(document)
        if ref.kind == Kind.MEMBER:
            member = member_for_document(meeting, ref)
            if not access.can_view_personal_material(request.user, meeting, member):
                raise Http404("没有这份材料。")
        exported = export_document(meeting, ref, fmt, viewer=request.user)
    except (DocumentError, DocumentNotFound) as error:
        raise Http404(str(error)) from error
    except RenderBusy as busy:
        return busy_response(busy)
    document_exported.send(
        sender=download,
        meeting=meeting,
        document=ref,
        fmt=fmt,
        user=request.user,
        materials=printed_materials(meeting, ref),
    )
    return file_response(exported)


def file_response(exported: ExportFile) -> HttpResponse:
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition(exported.filename)
    response["Content-Length"] = str(len(exported.content))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def busy_response(busy: RenderBusy) -> HttpResponse:
    """Every PDF render slot stayed taken for the queue timeout: a 503 the browser shows as text and
    a client may retry after ``Retry-After`` seconds (apps.exports.rendering)."""
    response = HttpResponse(str(busy), status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(busy.retry_after)
    response["Cache-Control"] = "no-store"
    return response


def content_disposition(filename: str, *, fallback_stem: str = "export", extension: str = "") -> str:
    """``attachment`` with the Chinese name per RFC 5987/6266 (``filename*=UTF-8''…``) and a plain
    ASCII ``filename`` (``export.docx``) for old clients that ignore the encoded one."""
    extension = extension or (filename.rsplit(".", 1)[-1] if "." in filename else "bin")
    fallback = f"{fallback_stem}.{extension}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


# A field's unusual characters fit easily; anything longer is not a question the workspace asks.
GLYPH_QUESTION_LIMIT = 500


@require_GET
@login_required
def glyphs_missing(request: HttpRequest) -> JsonResponse:
    """Which of the characters in ``?chars=`` no installed font can draw (they would print as a
    box): the workspace asks about the unusual characters a drafter types and warns on the field."""
    chars = request.GET.get("chars", "")[:GLYPH_QUESTION_LIMIT]
    response = JsonResponse({"missing": missing_glyphs(chars)})
    response["Cache-Control"] = "private, max-age=3600"  # the fonts change only with an installation
    return response
