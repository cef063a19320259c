from django import forms

from .models import MaterialComment


class CommentForm(forms.ModelForm):
    """The text of a comment or a reply; an over-long one is refused with its length, never cut."""

    class Meta:
        model = MaterialComment
        fields = ["body"]
        error_messages = {"body": {"required": "请填写意见内容。"}}
