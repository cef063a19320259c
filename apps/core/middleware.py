"""Compressed responses for what compresses: the pages and the autosave answers.

A 查摆问题 page with 60 problems is ~430 KB of HTML and ~30 KB gzip'ed; on a unit's intranet the
transfer, not the server, was most of the wait. Django's GZipMiddleware (with its BREACH mitigation:
random bytes in the gzip header, on top of Django's per-response masked CSRF tokens) does the work;
this subclass leaves alone the downloads that are compressed already (PDF, Word and Excel files are
zip or deflate inside, evidence files are mostly images): gzip'ing them again costs CPU for nothing.
Static files never get here: WhiteNoise, above it, serves them pre-compressed.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


class CompressedTextMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
