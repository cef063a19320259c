from django import forms

from apps.core.fields import LimitedCharField
from apps.core.text import clean_text
from apps.review.services import COMMENT_LIMIT, COMMENT_REQUIRED


class TransitionForm(forms.Form):
    comment = LimitedCharField(
        label="意见",
        required=False,
        max_length=COMMENT_LIMIT,
        normalise=clean_text,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, comment_required: bool = False, comment_label: str = "意见", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["comment"]
        field.label = comment_label
        field.required = comment_required
        field.error_messages["required"] = COMMENT_REQUIRED
        if comment_required:
            field.help_text = "必填：写明需要修改的地方，材料的撰写人会收到这条意见。"
