"""Password rules for new passwords beyond Django's own (AUTH_PASSWORD_VALIDATORS)."""

import string

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

CLASSES = (
    ("大写字母", lambda c: c.isascii() and c.isupper()),
    ("小写字母", lambda c: c.isascii() and c.islower()),
    ("数字", lambda c: c.isdigit()),
    ("符号", lambda c: c in string.punctuation or (not c.isalnum() and not c.isspace())),
)


class CharacterClassesValidator:
    """At least ``min_classes`` of: upper-case letters, lower-case letters, digits, symbols (等保's
    "complexity" rule). Only checked when a password is set through a form, never on login."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        found = sum(1 for _, test in CLASSES if any(test(c) for c in password))
        if found < self.min_classes:
            raise ValidationError(
                "密码太简单：须包含大写字母、小写字母、数字、符号中的至少 %(min)d 类（当前 %(found)d 类）。",
                code="password_too_simple",
                params={"min": self.min_classes, "found": found},
            )

    def get_help_text(self) -> str:
        return f"密码须包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类。"


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule, with its refusal in Chinese: Django 5.2's zh_Hans catalogue lacks the
    reworded message and shows it in English."""

    def get_error_message(self) -> str:
        return f"密码太短：至少需要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"密码至少需要 {self.min_length} 个字符。"
