"""``{% card_fields form %}``: a card's fields as ``{% crispy form %}`` renders them, fast
(apps/workspace/cards.py), falling back to crispy for what the fast path does not cover."""

from crispy_forms.utils import render_crispy_form
from django import forms, template
from django.utils.safestring import SafeString, mark_safe

from apps.workspace import cards

register = template.Library()


@register.simple_tag
def card_fields(form: forms.BaseForm) -> SafeString:
    fast = cards.render_fields(form) if cards.ENABLED else None
    return fast if fast is not None else mark_safe(render_crispy_form(form))  # noqa: S308 - crispy's HTML
