from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import F

from apps.core.fields import LimitedCharField
from apps.meetings.models import Comment
from apps.outlines.models import OutlineTemplate
from apps.units.models import Unit


class OutlineChoiceField(forms.ModelChoiceField):
    """Outlines named with the year they are for (通用 for the generic ones), newest first."""

    def label_from_instance(self, obj: OutlineTemplate) -> str:
        return obj.choice_label


class MeetingCreateForm(forms.Form):
    unit = forms.ModelChoiceField(label="单位", queryset=Unit.objects.none(), empty_label="请选择单位")
    outline = OutlineChoiceField(
        label="提纲",
        queryset=OutlineTemplate.objects.active().order_by(F("year").desc(nulls_last=True), "name"),
        empty_label="请选择本年度提纲",
    )
    date = forms.DateField(
        label="召开日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="可以稍后填写",
    )
    title = LimitedCharField(
        label="会议名称",
        max_length=200,
        required=False,
        help_text="留空则自动生成，如“某某局党委2026年度民主生活会”“某某局党委2023年度主题教育专题民主生活会”",
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "创建会议"))


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
        labels = {"body": "新意见"}
