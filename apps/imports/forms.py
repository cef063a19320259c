"""The upload form: a .docx or .txt file, or pasted text, never both."""

from django import forms
from django.core.exceptions import ValidationError

from apps.core.fields import LimitedCharField
from apps.imports.reading import MAX_UPLOAD_BYTES

MEGABYTE = 1024 * 1024
PASTE_LIMIT = 100_000  # characters: five times a long material
TOO_LARGE = (
    "文件太大（{size:.1f} MB），最大只能导入 {limit} MB 的文件。"
    "请删去图片等内容后另存再上传，或直接粘贴文字。"
)
NOTHING_CHOSEN = "请选择要导入的文件，或者把文字粘贴到下面的框中。"
BOTH_CHOSEN = "请只选一种方式：上传文件，或者粘贴文字。"


def megabytes(size: int) -> float:
    return size / MEGABYTE


class UploadForm(forms.Form):
    file = forms.FileField(
        label="上传 Word 文件或文本文件",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
        help_text=f"支持 .docx 和 .txt 文件，不超过 {MAX_UPLOAD_BYTES // MEGABYTE} MB。",
        error_messages={
            "empty": "选择的文件是空的，请检查后重新选择。",
            "invalid": "没有收到文件，请重新选择。",
            "missing": "没有收到文件，请重新选择。",
        },
    )
    text = LimitedCharField(
        label="或者粘贴文字",
        required=False,
        max_length=PASTE_LIMIT,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 8, "data-count": "", "placeholder": "从 Word 或 WPS 中复制全文，粘贴到这里"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                TOO_LARGE.format(size=megabytes(upload.size), limit=MAX_UPLOAD_BYTES // MEGABYTE)
            )
        return upload

    def clean(self):
        data = super().clean()
        has_file, has_text = bool(data.get("file")), bool((data.get("text") or "").strip())
        if self.errors:
            return data
        if has_file and has_text:
            raise ValidationError(BOTH_CHOSEN)
        if not has_file and not has_text:
            raise ValidationError(NOTHING_CHOSEN)
        return data
