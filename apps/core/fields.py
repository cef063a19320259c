"""Model fields that store only clean text, whichever path (form, admin, service, shell) wrote it."""

from django.core.validators import MaxLengthValidator
from django.db import models

from apps.core.text import clean_line, clean_text

TOO_LONG = "最多 %(limit_value)d 个字，现在有 %(show_value)d 个字，请删减后再保存。"


def _plain_length_validators(validators: list) -> list:
    """Django's Chinese wording for an over-long text (“确保该变量包含不超过…”) reads like a
    programmer's message; drafters get a plain one with both numbers."""
    return [
        MaxLengthValidator(v.limit_value, message=TOO_LONG) if isinstance(v, MaxLengthValidator) else v
        for v in validators
    ]


class ChineseLengthMessageMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators[:] = _plain_length_validators(self.validators)

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.validators = _plain_length_validators(field.validators)
        return field


class CleanCharField(ChineseLengthMessageMixin, models.CharField):
    """A one-line text field: control characters and line breaks never reach the database."""

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
            self.validators.append(MaxLengthValidator(self.max_length, message=TOO_LONG))

    def to_python(self, value):
        return clean_text(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = clean_text(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
