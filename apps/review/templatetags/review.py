"""The review on the pages of other apps, which never import apps.review:

- ``{% review_badge material %}``: the status badge beside a material's title (workspace header);
- ``{% review_bar %}``: under the workspace header, the actions the user may take, the last
  return's comment while the material waits for its revision, and the link to its 审核记录;
- ``{% review_panels %}``: the 工作台 cards (returned to me, waiting for my review, each meeting's
  steps as bars).
"""

from django import template
from django.urls import reverse

from apps.accounts import access
from apps.entries.models import Material
from apps.review import progress, selectors, services

register = template.Library()

Action = services.Action
Status = Material.Status
BADGE_CLASSES = {
    Status.DRAFT: "text-bg-light border",
    Status.SUBMITTED: "text-bg-primary",
    Status.RETURNED: "text-bg-warning",
    Status.APPROVED: "text-bg-success",
}
BUTTON_CLASSES = {
    Action.SUBMIT: "btn-danger",
    Action.RETURN: "btn-outline-warning",
    Action.APPROVE: "btn-success",
    Action.REOPEN: "btn-outline-secondary",
}
PANEL_LIMIT = 10  # a card lists the first ten; the queue page has them all


@register.inclusion_tag("review/_badge.html")
def review_badge(material: Material) -> dict:
    return {
        "label": material.get_status_display(),
        "status": material.status,
        "css": BADGE_CLASSES.get(material.status, "text-bg-light"),
    }


@register.inclusion_tag("review/_bar.html", takes_context=True)
def review_bar(context, material: Material | None = None) -> dict:
    material = material or context["material"]
    meeting = context.get("meeting")
    if meeting is not None and material.meeting_id == meeting.pk:
        material.meeting = meeting  # the page's meeting, with its unit loaded: no query again
    user = context["request"].user
    args = [material.meeting_id, material.pk]
    actions = [
        {
            "key": action,
            "label": Action(action).label,
            "url": reverse("review:act", args=[*args, action]),
            "css": BUTTON_CLASSES[action],
        }
        for action in services.allowed_actions(user, material)
    ]
    returned = selectors.latest_return(material) if material.status == Status.RETURNED else None
    # Only a writer is told why they cannot type now; a reader's 只读 badge already says the rest.
    frozen = access.frozen_reason(user, material)
    return {
        "material": material,
        "actions": actions,
        "returned": returned,
        "frozen_reason": frozen,
        "record_url": reverse("review:record", args=args),
    }


@register.inclusion_tag("review/_panels.html", takes_context=True)
def review_panels(context) -> dict:
    user = context["request"].user
    returned = list(selectors.returned_to(user)[:PANEL_LIMIT])
    waiting = list(selectors.waiting_for(user)[: PANEL_LIMIT + 1])
    return {
        "returned": returned,
        "waiting": waiting[:PANEL_LIMIT],
        "more_waiting": len(waiting) > PANEL_LIMIT,
        "progress": _meeting_progress(context.get("units", [])),
    }


def _meeting_progress(units) -> list[dict]:
    """The meetings come from the dashboard's own prefetch (the meetings the user may see)."""
    meetings = [meeting for unit in units for meeting in unit.meetings.all()]
    rows = progress.meeting_progress(meetings)
    return [{"meeting": meeting, "material": material, "steps": steps} for meeting, material, steps in rows]
