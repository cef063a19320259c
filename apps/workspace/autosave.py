"""The server side of autosave (static/js/autosave.js): every editable card is its own <form>
posted whole by fetch; the answer is JSON the script knows how to show.

  200 {"ok": true, "revision": n, …}            saved
  422 {"ok": false, "errors": {field: [msg]}}     a message on the field; nothing else is lost
  409 {"ok": false, "conflict": {…}}              someone saved this entry meanwhile: both texts
"""

import json
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import JsonResponse

from apps.core.revisions import EditConflict, Expected


def posted_revision(request) -> Expected:
    """The revision the editor's form was loaded at (garbage counts as "unknown": a conflict), with
    the values the form showed then (``_base``, JSON), which let untouched fields merge."""
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = 0
    try:
        base = json.loads(request.POST.get("_base", "null"))
    except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested deeper than the parser goes
        base = None
    return Expected(revision, base if isinstance(base, dict) else None)


def saved(instance: models.Model, **extra) -> JsonResponse:
    return JsonResponse({"ok": True, "revision": getattr(instance, "revision", None), **extra})


def invalid(form: forms.BaseForm) -> JsonResponse:
    errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
    return JsonResponse({"ok": False, "errors": errors}, status=422)


def refused(message: str, field: str = "__all__") -> JsonResponse:
    return JsonResponse({"ok": False, "errors": {field: [message]}}, status=422)


def conflict(form: forms.BaseForm, error: EditConflict) -> JsonResponse:
    """Both versions of every field that differs, raw (for the form) and as text (for the eye)."""
    fields = {}
    for name, (mine, theirs) in error.changed.items():
        field = form.fields.get(name)
        fields[name] = {
            "label": str(field.label) if field else name,
            "mine": mine,
            "theirs": theirs,
            "theirs_text": _display(field, theirs),
            "mine_text": _display(field, mine),
        }
    payload = {"revision": error.current.revision, "fields": fields}
    return JsonResponse({"ok": False, "conflict": payload}, status=409)


def _display(field: forms.Field | None, value) -> str:
    """How a value reads on screen: choice labels instead of ids, dates in Chinese."""
    if value is None or value == "":
        return "（空）"
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(value, list):
        return "、".join(str(choices.get(v, v)) for v in value) or "（空）"
    if hasattr(value, "year") and hasattr(value, "day"):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(choices.get(value, choices.get(str(value), value)))


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the fields it names (else on the form as a whole)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error)


def save_form(
    form: forms.BaseForm,
    write: Callable[[], models.Model],
    extra: Callable[[models.Model], dict] | None = None,
) -> JsonResponse:
    """Validate ``form``, run ``write`` (a service call) and answer in the autosave protocol,
    adding ``extra(instance)`` to a success. A ValidationError from the service lands on the
    field it names, like a form error."""
    if not form.is_valid():
        return invalid(form)
    try:
        instance = write()
    except EditConflict as error:
        return conflict(form, error)
    except ValidationError as error:
        add_service_errors(form, error)
        return invalid(form)
    return saved(instance, normalised=_normalised(form, instance), **(extra(instance) if extra else {}))


def _normalised(form: forms.BaseForm, instance: models.Model) -> dict[str, object]:
    """Values the page must show instead of what it sent: texts stored differently from how they
    were typed (a typed 一是 stripped, control characters removed), and fields merged from someone
    else's save (apps.core.revisions keeps theirs where this editor changed nothing)."""
    changed = {}
    for name, value in form.cleaned_data.items():
        typed = form.data.get(form.add_prefix(name))
        if isinstance(value, str) and typed is not None and typed != value and typed.strip() != value:
            changed[name] = value
    for name, value in getattr(instance, "merged_values", {}).items():
        changed[name] = "" if value is None else value.isoformat() if hasattr(value, "isoformat") else value
    return changed
