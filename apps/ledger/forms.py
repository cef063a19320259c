"""The forms of the measure page: a progress note, and one form per status action. They parse and
say what is missing; everything else (dates against the meeting, the files' content) is checked
by apps.ledger.services, whose errors come back onto these fields."""

from django import forms
from django.utils import timezone

from apps.core.fields import LimitedCharField
from apps.core.text import clean_text
from apps.ledger import evidence, rules, services
from apps.ledger.models import StatusChange

Action = StatusChange.Action
DATE_FORMAT = "%Y-%m-%d"
ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,application/pdf,image/jpeg,image/png"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class EvidenceFilesField(forms.Field):
    """Several files in one input (``multiple``); the list is checked by apps.ledger.evidence."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, data):
        if not data:
            return []
        return [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]

    def widget_attrs(self, widget):
        # The page names a file over the limit before sending it (static/js/ledger_measure.js).
        limit = evidence.max_bytes()
        return {
            **super().widget_attrs(widget),
            "accept": ACCEPT,
            "data-max-bytes": str(limit),
            "data-max-label": evidence.human_size(limit),
        }


def _date_field(label: str, required_message: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
        error_messages={"required": required_message, "invalid": "请按“年-月-日”填写日期，例如 2026-01-05。"},
    )


def _files_help() -> str:
    return (
        f"可选多个文件：{evidence.ALLOWED}，每个不超过 {evidence.human_size(evidence.max_bytes())}，"
        f"一次最多 {evidence.max_files()} 个。"
    )


class NoteForm(forms.Form):
    noted_on = _date_field("进展日期", services.DATE_REQUIRED["noted_on"])
    text = LimitedCharField(
        label="进展情况",
        max_length=services.TEXT_LIMIT,
        normalise=clean_text,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": services.TEXT_REQUIRED},
    )
    files = EvidenceFilesField(label="佐证材料")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _files_help()


class ActionForm(forms.Form):
    """The fields one action asks for: 标记完成 a date, a note and files; 销号 the effect (整改成效,
    required); 重新打开 the reason (required); 开始推进 an optional note."""

    def __init__(self, action: str, *args, **kwargs):
        kwargs.setdefault("prefix", action)
        super().__init__(*args, **kwargs)
        self.action = action
        self.label = Action(action).label
        rule = rules.RULES[action]
        if action == Action.COMPLETE:
            self.fields["completed_on"] = _date_field("完成日期", services.DATE_REQUIRED["completed_on"])
        note = LimitedCharField(
            label=rule.note_label if rule.note_required or action == Action.COMPLETE else "说明（可不填）",
            required=rule.note_required,
            max_length=services.TEXT_LIMIT,
            normalise=clean_text,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"required": services.NOTE_REQUIRED.get(action, "")},
        )
        if action == Action.COMPLETE:
            note.help_text = "写明完成了什么，记入整改进展；已填写过进展的可不填。"
        self.fields["note"] = note
        if action == Action.COMPLETE:
            self.fields["files"] = EvidenceFilesField(label="佐证材料", help_text=_files_help())
