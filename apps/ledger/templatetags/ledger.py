"""The ledger on other apps' pages, which never import apps.ledger in Python:

- ``{% my_measures %}``: the 工作台 card of the user's own measures (they are the owner's login)
  that are overdue or due within 7 days, each linking to its measure page (two queries at most);
- ``{{ status|ledger_status_class }}``: the Bootstrap class of a measure's status pill.
"""

from django import template
from django.utils import timezone

from apps.entries.models import Measure
from apps.ledger import selectors
from apps.units.models import Member

register = template.Library()

Status = Measure.Status
# The same colours everywhere a status shows: the lists, the measure page, the 统计看板's chart
# (static/js/dashboards.js).
STATUS_CLASSES = {
    Status.NOT_STARTED: "text-bg-secondary",
    Status.IN_PROGRESS: "text-bg-primary",
    Status.DONE: "text-bg-success",
    Status.CLOSED: "text-bg-dark",
}
PANEL_LIMIT = 20


@register.filter
def ledger_status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "text-bg-secondary")


@register.inclusion_tag("ledger/_my_measures.html", takes_context=True)
def my_measures(context) -> dict:
    user = context["request"].user
    today = timezone.localdate()
    measures = list(selectors.own_due_measures(user, today)[: PANEL_LIMIT + 1])
    for measure in measures:
        measure.days_left = (measure.deadline - today).days
        measure.days_late = -measure.days_left
    overdue = [measure for measure in measures[:PANEL_LIMIT] if measure.days_left < 0]
    soon = [measure for measure in measures[:PANEL_LIMIT] if measure.days_left >= 0]
    # The card is for owners: a user who owns no measure at all (no member login) does not get it.
    shown = bool(measures) or (user.is_authenticated and Member.objects.filter(user=user).exists())
    return {
        "shown": shown,
        "overdue": overdue,
        "soon": soon,
        "more": len(measures) > PANEL_LIMIT,
        "days": selectors.SOON_DAYS,
    }
