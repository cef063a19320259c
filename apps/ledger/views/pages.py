"""The 整改台账 lists: per meeting, per unit (and its subtree), filtered, sorted, as XLSX and PDF."""

from django.http import Http404


def meeting_ledger(request, meeting_pk: int):
    raise Http404


def meeting_ledger_export(request, meeting_pk: int, fmt: str):
    raise Http404


def unit_ledger(request, unit_pk: int):
    raise Http404


def unit_ledger_export(request, unit_pk: int, fmt: str):
    raise Http404
