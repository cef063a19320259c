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

from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
from crispy_forms.layout import HTML, Column, Layout, Row
from crispy_forms.templatetags.crispy_forms_filters import optgroups
from django import forms
from django.utils.safestring import SafeString, mark_safe

# The widget classes crispy's bootstrap5 pack gives each kind (crispy_field: its lowercase class
# name, then Bootstrap's own).
WIDGET_CLASSES = {
    forms.TextInput: "textinput form-control",
    forms.DateInput: "dateinput form-control",
    forms.Textarea: "textarea form-control",
    forms.Select: "select form-select",
}
# Checkboxes and radios: crispy's radio_checkbox_select.html (CheckboxSelectMultiple is a RadioSelect).
CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)
SUPPORTED = (*WIDGET_CLASSES, *CHOICE_WIDGETS)
# Off: every card through crispy (tests/workspace/test_cards.py compares whole pages both ways).
ENABLED = True


class Unsupported(Exception):
    """Something in the layout this module does not render: crispy renders the whole form."""


def render_fields(form: forms.BaseForm) -> SafeString | None:
    """The crispy fragment of an unbound card form, or ``None`` when crispy must render it."""
    helper = getattr(form, "helper", None)
    if form.is_bound or helper is None:
        return None
    layout = helper.layout or Layout(*form.fields)
    try:
        html = _items(form, layout.fields) if helper.form_show_labels else _unlabelled(form, layout.fields)
    except Unsupported:
        return None
    return mark_safe(html)  # noqa: S308 - every value escaped below, HTML items are the form's own


def _items(form: forms.BaseForm, items: list) -> str:
    return " ".join(_item(form, item) for item in items)


def _unlabelled(form: forms.BaseForm, items: list) -> str:
    """A form whose helper hides the labels (a measure's sub-items: their number says what they
    are): plain fields only, each crispy's wrapper around the widget and its help text."""
    html = []
    for item in items:
        if not isinstance(item, str) or item not in form.fields:
            raise Unsupported(item)
        if type(form.fields[item].widget) not in WIDGET_CLASSES:
            raise Unsupported(item)
        html.append(_field(form[item], show_label=False))
    return " ".join(html)


def _item(form: forms.BaseForm, item) -> str:
    """One layout object: a field name, literal HTML, a Row or Column, inline checkboxes or radios."""
    if isinstance(item, str):
        if item not in form.fields or type(form.fields[item].widget) not in SUPPORTED:
            raise Unsupported(item)
        return _field(form[item])
    kind = type(item)
    if kind is HTML and "{" not in item.html:  # literal markup, no template syntax to run
        return item.html
    if kind in (Row, Column) and not item.css_id and not item.flat_attrs:
        css = item.css_class or ""
        if kind is Row:
            css = f"row {css}"
        elif "col" not in css:
            css = f"col-md {css}"
        return f'<div class="{_esc(css)}">{_items(form, item.fields)}</div>'
    if kind in (InlineCheckboxes, InlineRadios) and len(item.fields) == 1 and not item.attrs:
        name = item.fields[0]
        if name not in form.fields or not isinstance(form.fields[name].widget, CHOICE_WIDGETS):
            raise Unsupported(name)
        return _choices(form[name], inline=True, wrapper=item.wrapper_class or "")
    raise Unsupported(item)


# html.escape's five replacements as one table for str.translate, which runs in C. Why it matters:
# this module escapes ~28,000 values for the 60-problem page, and on Python 3.11 a Python-level call
# that happens to sit at the edge of the interpreter's frame stack chunk maps and unmaps a chunk
# each time (measured: 134,000 mmap/munmap pairs and 0.25 s instead of 0.07 s for that page, depending
# only on how deep the request's stack was). So the loops below call no Python function per item.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def _esc(value: object) -> str:
    """Django's conditional_escape (the same text as html.escape), without its lazy wrapper."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return str(value).translate(_ESCAPES)


def _attrs(attrs: dict) -> str:
    """Django's widgets/attrs.html: ``name="value"``, a bare name for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(" ")
        parts.append(str(name).translate(_ESCAPES))
        if value is not True:
            text = value.__html__() if hasattr(value, "__html__") else str(value).translate(_ESCAPES)
            parts.append(f'="{text}"')
    return "".join(parts)


def _field(field: forms.BoundField, *, show_label: bool = True) -> str:
    """crispy's bootstrap5/field.html: the wrapper, the label (unless the form hides them), the
    widget, the help text."""
    if isinstance(field.field.widget, CHOICE_WIDGETS):
        return _choices(field, inline=False, wrapper="")
    label = ""
    if show_label:
        required = " requiredField" if field.field.required else ""
        text = _esc(field.label) + ('<span class="asteriskField">*</span>' if required else "")
        label = f'<label for="{_esc(field.id_for_label)}" class="form-label{required}">{text}</label>'
    return f'<div id="div_{_esc(field.auto_id)}" class="mb-3">{label}{_widget(field)}{_help(field)}</div>'


def _help(field: forms.BoundField) -> str:
    """crispy's help_text.html: the help text as the form wrote it (crispy marks it safe)."""
    if not field.help_text:
        return ""
    return f'<div id="{_esc(field.auto_id)}_helptext" class="form-text">{field.help_text}</div>'


def _widget(field: forms.BoundField) -> str:
    """What ``{% crispy_field field 'class' … %}`` gives: the widget with crispy's classes added."""
    widget = field.field.widget
    css = WIDGET_CLASSES[type(widget)]
    own = widget.attrs.get("class", "")
    attrs = field.build_widget_attrs({}, widget)
    if "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    context["attrs"]["class"] = f"{own} {css}".strip() if own else css
    name, value, attrs = _esc(context["name"]), context["value"], _attrs(context["attrs"])
    if isinstance(widget, forms.Textarea):
        return f'<textarea name="{name}"{attrs}>\n{_esc(value) if value else ""}</textarea>'
    if isinstance(widget, forms.Select):
        options = []
        for _group, group_options, _index in context["optgroups"]:
            for option in group_options:
                options.append(
                    f'<option value="{_esc(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{_esc(option['label'])}</option>"
                )
        return f'<select name="{name}"{attrs}>{"".join(options)}</select>'
    value_attr = f' value="{_esc(value)}"' if value is not None else ""
    return f'<input type="{_esc(context["type"])}" name="{name}"{value_attr}{attrs}>'


def _choices(field: forms.BoundField, *, inline: bool, wrapper: str) -> str:
    """Checkboxes or radios in a fieldset: crispy's field.html (``inline``: its *_inline.html, whose
    legend has an empty ``for``) around radio_checkbox_select.html, one ``form-check`` per choice."""
    required = " requiredField" if field.field.required else ""
    label = _esc(field.label) + ('<span class="asteriskField">*</span>' if required else "")
    described = field.aria_describedby
    described = f' aria-describedby="{_esc(described)}"' if described else ""
    legend_for = f' for="{_esc(field.id_for_label)}"' if inline else ""
    check = "form-check form-check-inline" if inline else "form-check"
    name = _esc(field.html_name)
    choices = []
    for _group, group_options, _index in optgroups(field):
        for option in group_options:
            choices.append(
                f'<div class="{check}"><input type="{_esc(option["type"])}" class="form-check-input"'
                f' name="{name}" value="{_esc(option["value"])}"{_attrs(option["attrs"])}>'
                f'<label for="{_esc(option["attrs"].get("id", ""))}" class="form-check-label">'
                f"{_esc(option['label'])}</label></div>"
            )
    options = "".join(choices)
    wrapper = f" {_esc(wrapper)}" if wrapper else ""
    return (
        f'<div id="div_{_esc(field.auto_id)}" class="mb-3{wrapper}"><fieldset{described}>'
        f'<legend{legend_for} class="form-label{required} fs-6">{label}</legend>'
        f"<div>{options}</div>{_help(field)}</fieldset></div>"
    )
