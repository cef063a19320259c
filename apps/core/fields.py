"""Model fields that store only clean text, whichever path (form, admin, service, shell) wrote it,
and the form field that keeps over-long text in the browser instead of cutting it."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

from apps.core.text import clean_line, clean_text

TOO_LONG = "超出 %(excess)d 字，请精简后保存（最多 %(limit_value)d 字，现有 %(show_value)d 字）。"


class TooLongValidator(MaxLengthValidator):
    """Django's Chinese wording for an over-long text (“确保该变量包含不超过…”) reads like a
    programmer's message; drafters are told by how much to shorten it, in the words the workspace
    shows while they type (static/js/autosave.js), with both numbers for the admin."""

    message = TOO_LONG

    def __call__(self, value):
        length = self.clean(value)
        limit = self.limit_value() if callable(self.limit_value) else self.limit_value
        if self.compare(length, limit):
            params = {"limit_value": limit, "show_value": length, "value": value, "excess": length - limit}
            raise ValidationError(self.message, code=self.code, params=params)


def _plain_length_validators(validators: list) -> list:
    return [TooLongValidator(v.limit_value) if type(v) is MaxLengthValidator else v for v in validators]


class LimitedCharField(forms.CharField):
    """A form CharField whose limit the browser shows but never enforces.

    Django renders ``max_length`` as the HTML ``maxlength`` attribute, and browsers silently cut a
    paste at that length: a 5,000-character paste into a 3,000-character field lost 2,000 characters
    without a word. The limit goes to ``data-limit`` instead, where the workspace's counter and
    autosave read it (over the limit: a message on the field, the text kept, nothing posted); the
    server still refuses an over-long text with a message on the field.
    """

    def __init__(self, *args, normalise=None, **kwargs):
        """``normalise``: the model field's cleaning (clean_text / clean_line), so that the form
        counts and answers with the text as it will be stored (apps.workspace.autosave shows it)."""
        self.normalise = normalise
        super().__init__(*args, **kwargs)
        self.validators = _plain_length_validators(self.validators)

    def to_python(self, value):
        value = super().to_python(value)
        return self.normalise(value) if self.normalise and isinstance(value, str) else value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "maxlength" in attrs:
            attrs["data-limit"] = attrs.pop("maxlength")
        return attrs


class ChineseLengthMessageMixin:
    normalise = staticmethod(clean_text)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators[:] = _plain_length_validators(self.validators)

    def formfield(self, **kwargs):
        # Every form built from these fields (workspace, meeting pages, admin) gets the untruncated
        # form field, cleaning like the model field; fields with choices keep their choice field.
        if not self.choices and "form_class" not in kwargs:
            kwargs.update(form_class=LimitedCharField, normalise=self.normalise)
        return super().formfield(**kwargs)


class CleanCharField(ChineseLengthMessageMixin, models.CharField):
    """A one-line text field: control characters and line breaks never reach the database."""

    normalise = staticmethod(clean_line)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        # Validation sees the text as it will be stored: "  " is empty, control characters don't count.
        return clean_line(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = clean_line(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class CleanTextField(ChineseLengthMessageMixin, models.TextField):
    """A multi-line text field with a maximum length that is enforced, not only shown.

    ``TextField`` ignores ``max_length`` in the database; the validator makes forms and
    ``full_clean`` report an over-long text on its field instead of storing it.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)
        if self.max_length:
            self.validators.append(TooLongValidator(self.max_length))

    def to_python(self, value):
        return clean_text(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = clean_text(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
