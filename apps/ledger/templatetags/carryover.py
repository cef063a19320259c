"""Last year's 整改台账 on the 查摆问题 step of the workspace, which never imports apps.ledger:

- ``{% recap_tools as footer %}``: the 按上年台账重新生成 button under the 上年度整改落实情况 field
  (static/js/carryover.js puts the generated text in the field; autosave stores it);
- ``{% carryover_panel %}``: last year's open measures, each offered as a 上年未结 problem.

Both read the page's ``material`` and ``can_edit``; they share one load (carryover.carryover_for).
"""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from apps.ledger.carryover import carryover_for, meeting_label, summary_clause

register = template.Library()


@register.simple_tag(takes_context=True)
def recap_tools(context) -> SafeString | str:
    material = context["material"]
    if not context.get("can_edit"):
        return ""
    info = carryover_for(material)
    if info.summary is None:
        return ""
    args = [material.meeting_id, material.pk]
    return render_to_string(
        "ledger/_carryover_recap.html",
        {
            "material": material,
            "previous": info.previous,
            "summary": summary_clause(info.summary),
            "url": reverse("ledger:recap_generate", args=args),
        },
    )


@register.inclusion_tag("ledger/_carryover_panel.html", takes_context=True)
def carryover_panel(context) -> dict:
    material = context["material"]
    info = carryover_for(material)
    if info.summary is None:
        return {"show": False}
    return {
        "show": True,
        "csrf_token": context.get("csrf_token"),
        "can_edit": context.get("can_edit"),
        "material": material,
        "previous": info.previous,
        "label": meeting_label(info.previous.meeting, material.meeting),
        "summary": info.summary,
        "offers": info.offers,
        "aspects": info.aspects,
        "url": reverse("ledger:carry_over", args=[material.meeting_id, material.pk]),
    }
