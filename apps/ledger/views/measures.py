"""One measure in the 整改台账: its progress notes with evidence, its status changes, and the
actions the user may take (开始推进, 标记完成, 销号, 重新打开). Filled by the ledger-core work."""

from django.http import Http404


def measure_detail(request, pk: int):
    raise Http404


def note_add(request, pk: int):
    raise Http404


def transition(request, pk: int, action: str):
    raise Http404


def evidence_download(request, pk: int):
    raise Http404
