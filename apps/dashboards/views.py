"""统计看板: one unit, or a unit and every unit below it, at a glance."""

from django.http import Http404


def unit_dashboard(request, unit_pk: int):
    raise Http404
