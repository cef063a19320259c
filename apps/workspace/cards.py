"""The fields of a workspace card, rendered as crispy-forms (Bootstrap 5) renders them, without
running its templates.

A step page shows dozens of cards (60 problems on the 查摆问题 page); crispy renders each field
through a dozen nested templates and took 84 % of that page's time. Cards on a page are always
unbound (saves answer JSON), so they need only a small part of crispy's output: a label, the widget,
its help text. :func:`render_fields` writes exactly that in Python, from the same widget attributes
and choices Django computes (``widget.get_context``, crispy's ``optgroups``); anything else — a bound
form with errors, another widget or layout object — returns ``None`` and the caller renders with
crispy. tests/workspace/test_cards.py asserts that both give the same HTML for every card form.
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from crispy_forms.layout import HTML, Layout
from crispy_forms.templatetags.crispy_forms_filters import optgroups

# The widget classes crispy's bootstrap5 pack gives each kind (crispy_field: its lowercase class
# name, then Bootstrap's own).
WIDGET_CLASSES = {
    forms.TextInput: "textinput form-control",
    forms.Textarea: "textarea form-control",
    forms.Select: "select form-select",
}
SUPPORTED = (*WIDGET_CLASSES, forms.CheckboxSelectMultiple)
# Off: every card through crispy (tests/workspace/test_cards.py compares whole pages both ways).
ENABLED = True


def render_fields(form: forms.BaseForm) -> SafeString | None:
    """The crispy fragment of an unbound card form, or ``None`` when crispy must render it."""
    helper = getattr(form, "helper", None)
    if form.is_bound or helper is None or not helper.form_show_labels:
        return None
    layout = helper.layout or Layout(*form.fields)
    parts = []
    for item in layout.fields:
        if isinstance(item, HTML) and "{" not in item.html:  # literal markup, no template syntax
            parts.append(mark_safe(item.html))  # noqa: S308 - the form's own constant markup
        elif isinstance(item, str) and item in form.fields and type(form.fields[item].widget) in SUPPORTED:
            parts.append(_field(form[item]))
        else:
            return None
    return mark_safe(" ".join(parts))  # noqa: S308 - every part is escaped above


def _attrs(attrs: dict) -> SafeString:
    """Django's widgets/attrs.html: ``name="value"``, a bare name for True, nothing for False."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _field(field: forms.BoundField) -> SafeString:
    widget = field.field.widget
    required = field.field.required
    label = format_html(
        '{}{}', field.label, mark_safe('<span class="asteriskField">*</span>') if required else ""
    )
    help_text = (
        format_html('<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, mark_safe(field.help_text))
        if field.help_text
        else ""
    )
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return format_html(
            '<div id="div_{}" class="mb-3"><fieldset{}><legend class="form-label{} fs-6">{}</legend>'
            "<div>{}</div>{}</fieldset></div>",
            field.auto_id,
            format_html(' aria-describedby="{}"', field.aria_describedby) if field.aria_describedby else "",
            " requiredField" if required else "",
            label,
            _checkboxes(field),
            help_text,
        )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label{}">{}</label>{}{}</div>',
        field.auto_id,
        field.id_for_label,
        " requiredField" if required else "",
        label,
        _widget(field),
        help_text,
    )


def _widget(field: forms.BoundField) -> SafeString:
    """What ``{% crispy_field field 'class' … %}`` gives: the widget with crispy's classes added."""
    widget = field.field.widget
    css = WIDGET_CLASSES[type(widget)]
    own = widget.attrs.get("class", "")
    attrs = field.build_widget_attrs({}, widget)
    if "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    context["attrs"]["class"] = f"{own} {css}".strip() if own else css
    name, value, attrs = context["name"], context["value"], _attrs(context["attrs"])
    if isinstance(widget, forms.Textarea):
        return format_html('<textarea name="{}"{}>\n{}</textarea>', name, attrs, value or "")
    if isinstance(widget, forms.Select):
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], _attrs(option["attrs"]), option["label"])
                for _group, group_options, _index in context["optgroups"]
                for option in group_options
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, attrs, options)
    value_attr = format_html(' value="{}"', value) if value is not None else ""
    return format_html('<input type="{}" name="{}"{}{}>', context["type"], name, value_attr, attrs)


def _checkboxes(field: forms.BoundField) -> SafeString:
    """crispy's bootstrap5/layout/radio_checkbox_select.html, one ``form-check`` per choice."""
    return format_html_join(
        "",
        '<div class="form-check"><input type="{}" class="form-check-input" name="{}" value="{}"{}>'
        '<label for="{}" class="form-check-label">{}</label></div>',
        (
            (
                option["type"],
                field.html_name,
                option["value"],
                _attrs(option["attrs"]),
                option["attrs"].get("id", ""),
                option["label"],
            )
            for _group, options, _index in optgroups(field)
            for option in options
        ),
    )
