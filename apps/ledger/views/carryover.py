"""Into next year: the generated 上年度整改落实情况 and last year's open measures as problems."""

from django.http import Http404


def recap_generate(request, meeting_pk: int, material_pk: int):
    raise Http404


def carry_over(request, meeting_pk: int, material_pk: int):
    raise Http404
