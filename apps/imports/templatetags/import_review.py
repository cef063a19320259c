"""One tag renders a review field: ~500 of them on a 20-page draft's review, so no include or
form machinery per field."""

from django import template
from django.utils.html import format_html

from apps.imports.review import Field

register = template.Library()


@register.simple_tag
def review_field(field: Field, label: str = "", *, hide_label: bool = False):
    """A text field with its label, counter (static/js/workspace.js reads data-count/data-limit:
    over the limit the text stays and the counter turns red) and the error of its path."""
    label = label or field.label
    invalid = " is-invalid" if field.error else ""
    limit = format_html(' data-limit="{}"', field.limit) if field.limit else ""
    described = (
        format_html(' aria-describedby="{}-error" aria-invalid="true"', field.id) if field.error else ""
    )
    if field.multiline:
        control = format_html(
            '<textarea class="form-control form-control-sm{}" id="{}" name="{}" rows="{}" data-count{}{}>'
            "{}</textarea>",
            invalid,
            field.id,
            field.name,
            field.rows,
            limit,
            described,
            field.value,
        )
    else:
        control = format_html(
            '<input type="text" class="form-control form-control-sm{}" id="{}" name="{}" value="{}"'
            " data-count{}{}>",
            invalid,
            field.id,
            field.name,
            field.value,
            limit,
            described,
        )
    label_class = "visually-hidden" if hide_label or not label else "form-label small mb-0"
    error = (
        format_html('<div class="invalid-feedback" id="{}-error">{}</div>', field.id, field.error)
        if field.error
        else ""
    )
    return format_html(
        '<div class="mb-2" data-path="{}"><label class="{}" for="{}">{}</label>{}{}</div>',
        field.name,
        label_class,
        field.id,
        label or field.name,
        control,
        error,
    )


@register.filter
def percent(score: float) -> str:
    return f"{round(score * 100)}%"
