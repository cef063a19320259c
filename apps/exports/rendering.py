"""Every PDF this project renders goes through :func:`write_pdf`: at most
``settings.EXPORT_PDF_CONCURRENCY`` renders at a time per process, the others wait their turn.

Why: WeasyPrint holds a document's boxes, Pango layouts and font files in memory while it renders
(tens of MB for a 12-page Chinese document) and is pure CPU. Twenty parallel PDF requests to the
development server took 9.5 s and lifted it from 0.42 to 1.45 GB; rendering them two at a time is no
slower on two cores and holds memory to two renders. A request that waits longer than
``settings.EXPORT_PDF_QUEUE_TIMEOUT`` seconds gets :class:`RenderBusy`, which the views answer with
a 503 and ``Retry-After`` (never a 500).

Each slot owns one WeasyPrint ``FontConfiguration`` (Pango's font map with the faces it has opened):
it is handed from request to request with the slot, so a process keeps at most N of them whatever
its number of threads (the development server starts a thread per request, which used to build a
new configuration, and load every CJK font again, for each PDF).

The configuration also keeps the stylesheets parsed for it (:class:`SlotFonts`). A text document's
page stylesheet (fonts, A4 grid, page numbers) is the same for every document of an installation,
and parsing it, with its ``@font-face`` rules, cost ~2 % of every render; a ``weasyprint.CSS`` is
bound to the configuration its fonts were loaded into, hence one cache per slot. The cache is keyed
by the stylesheet's text, which the caller renders from its template each time, so a changed
template, font setting or trimmed font file gives new text and is parsed anew.

Text documents also bring their own user-agent stylesheet (pdf_writer.user_agent_css): WeasyPrint's
styles every page-margin box, which cost ~8 % of a render for boxes our pages leave empty.
"""

import ctypes
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import pydyf
from django.conf import settings
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from apps.exports.signals import pdf_render_started

BUSY_MESSAGE = "导出繁忙，请稍后重试"
# Seconds a refused client is told to wait: about the time a queue of a few renders takes to drain.
RETRY_AFTER = 10


# pydyf (WeasyPrint's PDF writer) deflates every stream at level 9. A PDF's streams are mostly the
# embedded font subsets (~0.5 MB before compression for a 12-page material): level 9 took 18 ms of
# that render, level 6 9 ms, level 1 5 ms, and the file is 204, 206 and 216 KB. pydyf reads ``zlib``
# from its module globals: it gets this proxy, which changes the level and forwards everything else.
PDF_DEFLATE_LEVEL = 1


class _DeflateAtLevel:
    def __getattr__(self, name: str) -> object:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = PDF_DEFLATE_LEVEL, *args: object, **kwargs: object):
        return zlib.compressobj(min(level, PDF_DEFLATE_LEVEL), *args, **kwargs)

    @staticmethod
    def compress(data: bytes, level: int = PDF_DEFLATE_LEVEL, *args: object, **kwargs: object) -> bytes:
        return zlib.compress(data, min(level, PDF_DEFLATE_LEVEL), *args, **kwargs)


pydyf.zlib = _DeflateAtLevel()


# Every render copies the font files it embeds (WeasyPrint reads each face whole: ~19 MB for the
# four trimmed faces) and frees the copies at the end. glibc gives blocks that large back to the
# kernel at once (mmap above 128 KB, heap trimming), so the next render faulted the same ~4,700
# pages in again: ~8 ms of system time, 5–6 % of a 12-page render. With these thresholds freed
# blocks up to 16 MB stay in the heap and up to 32 MB of it stays mapped: the process keeps ~20 MB
# more resident after its first PDF, its peak is the same. Not glibc (macOS): nothing to tune.
MALLOC_MMAP_THRESHOLD = 16 << 20
MALLOC_TRIM_THRESHOLD = 32 << 20
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h


def _keep_freed_memory_for_the_next_render() -> bool:
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(_M_MMAP_THRESHOLD, MALLOC_MMAP_THRESHOLD)) and bool(
        mallopt(_M_TRIM_THRESHOLD, MALLOC_TRIM_THRESHOLD)
    )


MALLOC_TUNED = _keep_freed_memory_for_the_next_render()


class SlotFonts(FontConfiguration):
    """A render slot's font configuration and the stylesheets parsed for it, by their text."""

    # A process renders a handful of distinct stylesheets (the text documents' page and user-agent
    # sheets, a test's settings); the bound only matters if something made a new one per render.
    MAX_STYLESHEETS = 8

    def __init__(self) -> None:
        super().__init__()
        self._stylesheets: OrderedDict[str, CSS] = OrderedDict()
        self.parsed = 0  # stylesheets parsed so far (read by the tests)

    def stylesheet(self, text: str) -> CSS:
        """``text`` parsed as a ``weasyprint.CSS`` for this configuration, once per distinct text."""
        css = self._stylesheets.get(text)
        if css is None:
            css = self._stylesheets[text] = CSS(string=text, font_config=self)
            self.parsed += 1
            while len(self._stylesheets) > self.MAX_STYLESHEETS:
                self._stylesheets.popitem(last=False)
        else:
            self._stylesheets.move_to_end(text)
        return css


class _HTMLWithUserAgent(HTML):
    """An HTML document cascaded over a user-agent stylesheet of ours instead of WeasyPrint's.

    WeasyPrint has no public option for this (its API reference lists what is public; the
    user-agent sheet is not in it): ``_ua_stylesheets`` is the method its cascade asks (weasyprint
    70, css/__init__.py ``get_all_computed_styles``; requirements.txt pins the version). Were it
    renamed, WeasyPrint's own sheet would apply again: the same PDF, only slower, and
    tests/exports/test_pdf_stylesheets.py::test_our_user_agent_stylesheet_is_the_one_weasyprint_applies
    fails; the same file checks the PDFs byte for byte against WeasyPrint's own sheet."""

    def __init__(self, *, string: str, user_agent: CSS) -> None:
        super().__init__(string=string)
        self._user_agent = user_agent

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [self._user_agent]


class RenderBusy(Exception):
    """No render slot came free within the queue timeout."""

    def __init__(self) -> None:
        super().__init__(BUSY_MESSAGE)
        self.retry_after = RETRY_AFTER


class _Slots:
    """A bounded semaphore with the font configurations of its slots and a count of the renders
    in progress (read by the tests and the benchmark)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.semaphore = threading.BoundedSemaphore(size)
        self.lock = threading.Lock()
        self.free_fonts: list[SlotFonts] = []
        self.active = 0
        self.peak = 0

    @contextmanager
    def slot(self, timeout: float) -> Iterator[SlotFonts]:
        if not self.semaphore.acquire(timeout=max(0.0, timeout)):
            raise RenderBusy
        try:
            with self.lock:
                fonts = self.free_fonts.pop() if self.free_fonts else None
                self.active += 1
                self.peak = max(self.peak, self.active)
            try:
                fonts = fonts or SlotFonts()
                yield fonts
            finally:
                with self.lock:
                    self.active -= 1
                    if fonts is not None:  # None only when FontConfiguration() itself failed
                        self.free_fonts.append(fonts)  # never more than size: one per slot
        finally:
            self.semaphore.release()


_slots_by_size: dict[int, _Slots] = {}
_slots_lock = threading.Lock()


def slots() -> _Slots:
    """The slots of the configured size (one set per size, so a test may change the setting)."""
    size = max(1, int(getattr(settings, "EXPORT_PDF_CONCURRENCY", 2)))
    with _slots_lock:
        if size not in _slots_by_size:
            _slots_by_size[size] = _Slots(size)
        return _slots_by_size[size]


def queue_timeout() -> float:
    return float(getattr(settings, "EXPORT_PDF_QUEUE_TIMEOUT", 30))


def render(
    html: str, fonts: SlotFonts, *, stylesheet: str | None = None, user_agent: str | None = None
) -> Document:
    """``html`` laid out by WeasyPrint with the slot's ``fonts``: ``stylesheet`` (CSS text) applies
    as a user stylesheet and ``user_agent`` (CSS text) replaces WeasyPrint's user-agent stylesheet,
    both parsed once per slot. Call it inside a slot (:func:`write_pdf` does)."""
    if user_agent is None:
        document = HTML(string=html)
    else:
        document = _HTMLWithUserAgent(string=html, user_agent=fonts.stylesheet(user_agent))
    stylesheets = [fonts.stylesheet(stylesheet)] if stylesheet else None
    return document.render(font_config=fonts, stylesheets=stylesheets)


def write_pdf(
    html: str, *, sender: object = None, stylesheet: str | None = None, user_agent: str | None = None
) -> bytes:
    """The PDF of ``html`` (WeasyPrint; ``stylesheet`` and ``user_agent`` as in :func:`render`),
    once a render slot is free; :class:`RenderBusy` when none comes free within the queue timeout."""
    with slots().slot(queue_timeout()) as fonts:
        pdf_render_started.send(sender=sender)
        return render(html, fonts, stylesheet=stylesheet, user_agent=user_agent).write_pdf()
