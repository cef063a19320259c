"""Every PDF this project renders goes through a render slot: at most
``settings.EXPORT_PDF_CONCURRENCY`` renders at a time per process, the others wait their turn.

Why: a render holds a document's layout and font files in memory and is pure CPU. Twenty parallel
PDF requests to the development server (WeasyPrint then) took 9.5 s and lifted it from 0.42 to
1.45 GB; rendering them two at a time is no slower on two cores and holds memory to two renders. A
request that waits longer than ``settings.EXPORT_PDF_QUEUE_TIMEOUT`` seconds gets
:class:`RenderBusy`, which the views answer with a 503 and ``Retry-After`` (never a 500).

Two engines share the slots. The text materials are typeset by Typst (apps.exports.typesetting):
each slot keeps the Typst compiler it made, which has read the installed fonts once. The ledger's
table is HTML printed by WeasyPrint (:func:`write_pdf`): each slot owns one WeasyPrint
``FontConfiguration`` (Pango's font map with the faces it has opened), handed from request to
request with the slot, so a process keeps at most N of them whatever its number of threads (the
development server starts a thread per request, which used to load every CJK font again for each
PDF).
"""

import ctypes
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import pydyf
from django.conf import settings
from weasyprint import HTML
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
    """A render slot's WeasyPrint font configuration, and its Typst compiler once a text PDF made
    one (apps.exports.pdf_writer.render_pdf)."""

    def __init__(self) -> None:
        super().__init__()
        self.typst: object | None = None


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


def render(html: str, fonts: SlotFonts) -> Document:
    """``html`` laid out by WeasyPrint with the slot's ``fonts``. Call it inside a slot
    (:func:`write_pdf` does)."""
    return HTML(string=html).render(font_config=fonts)


def write_pdf(html: str, *, sender: object = None) -> bytes:
    """The PDF of ``html`` (WeasyPrint), once a render slot is free; :class:`RenderBusy` when none
    comes free within the queue timeout."""
    with slots().slot(queue_timeout()) as fonts:
        pdf_render_started.send(sender=sender)
        return render(html, fonts).write_pdf()
