"""Forms of the meeting's own steps: 会议信息 (with attendance), 会前准备 (study sessions,
solicitations, opinions, talks) and 情况报告.

Members, aspects and solicitations are offered from lists computed once per page and handed to
every card's form, so that a page with fifty opinions does not run fifty queries. A foreign key is
a TypedChoiceField over those lists; its clean method gives back the object from the same list.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms

from apps.core.numbering import chinese_numeral, cn_date
from apps.meetings.models import Attendance, Meeting, Opinion, OpinionSolicitation, StudySession, Talk
from apps.meetings.services import ABSENCE_MESSAGE, HOST_MESSAGE, MEMBER_MESSAGE, OPINION_MAX_LENGTH
from apps.outlines.models import Aspect
from apps.units.models import Member
from apps.workspace.forms import CardForm

CHOOSE = "请选择%s。"
DATE_FORMAT = "%Y-%m-%d"
INVALID_DATE = "请输入有效的日期，如2026-01-05。"


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT)


def _textarea(rows: int, **attrs) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "data-autogrow": "", **attrs})


def _link_field(label: str, *, required: bool = False, message: str = "") -> forms.TypedChoiceField:
    """A foreign key chosen from a list given to the form (choices are set in __init__)."""
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        empty_value=None,
        required=required,
        error_messages={
            "invalid_choice": message or f"所选{label}已不存在或不属于本会议，请刷新页面后重新选择。",
            "required": CHOOSE % label,
        },
    )


def member_label(member: Member, day=None, *, with_title: bool = False) -> str:
    """赵书记 (or 赵书记（局长、党委书记）); a member not serving on ``day`` is marked."""
    label = str(member) if with_title else member.name
    if day and not (
        (member.active_from is None or member.active_from <= day)
        and (member.active_to is None or member.active_to >= day)
    ):
        label += "（不在任）"
    return label


def aspect_label(number: int, aspect: Aspect) -> str:
    """（一）学习: the aspect's place in the outline and its short name."""
    return f"（{chinese_numeral(number)}）{aspect.label or aspect.wording}"


class MeetingCardForm(CardForm):
    """A CardForm whose date inputs have no character counter and a Chinese error message, and
    whose foreign keys are chosen from lists: ``links`` maps a field to its empty label."""

    links: dict[str, str] = {}

    def __init__(self, *args, options: dict[str, dict[int, object]] | None = None, labels=None, **kwargs):
        """``options``: for each link field, {pk: object} in display order; ``labels``: {pk: text}
        per link field when the object's str() is not what the list should show."""
        super().__init__(*args, **kwargs)
        self.options = options or {}
        for field in self.fields.values():
            if isinstance(field.widget, forms.DateInput):
                field.widget.attrs.pop("data-count", None)
                field.error_messages["invalid"] = INVALID_DATE
        for name, empty in self.links.items():
            self.fields[name].error_messages["required"] = CHOOSE % self.fields[name].label
            objects = self.options.get(name, {})
            shown = (labels or {}).get(name, {})
            self.fields[name].choices = [
                ("", empty),
                *((pk, shown.get(pk, str(obj))) for pk, obj in objects.items()),
            ]

    def _pick(self, name: str):
        pk = self.cleaned_data.get(name)
        if pk is None:
            return None
        found = self.options.get(name, {}).get(pk)
        if found is None:
            raise forms.ValidationError(self.fields[name].error_messages["invalid_choice"])
        return found


# --- 会议信息 ---------------------------------------------------------------------------------------


class MeetingInfoForm(MeetingCardForm):
    id_prefix = "meeting"
    host = _link_field("主持人", message=HOST_MESSAGE)
    links = {"host": "请选择主持人"}

    class Meta:
        model = Meeting
        fields = ["title", "date", "place", "host", "supervisor_names", "supervisor_org"]
        widgets = {
            "date": _date_widget(),
            "place": forms.TextInput(attrs={"placeholder": "如：机关第一会议室"}),
            "supervisor_names": forms.TextInput(attrs={"placeholder": "多人用顿号分隔，如：张三、李四"}),
            "supervisor_org": forms.TextInput(attrs={"placeholder": "如：市委第三督导组"}),
        }
        help_texts = {"host": "一般由书记主持", "title": "如“某某局党委2026年度民主生活会”"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "title",
            Row(
                Column("date", css_class="col-sm-6 col-lg-4"),
                Column("place", css_class="col-sm-6 col-lg-4"),
                Column("host", css_class="col-lg-4"),
            ),
            Row(
                Column("supervisor_org", css_class="col-md-5"),
                Column("supervisor_names", css_class="col-md-7"),
            ),
        )

    def clean_host(self):
        return self._pick("host")


class AttendanceForm(CardForm):
    """One member's row: present, or absent with a reason."""

    id_prefix = "attendance"

    class Meta:
        model = Attendance
        fields = ["present", "absence_reason"]
        widgets = {"absence_reason": forms.TextInput(attrs={"placeholder": "缺席时填写原因，如：出差在外"})}

    def __init__(self, *args, member_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].widget.attrs["aria-label"] = f"{member_name}出席"
        self.fields["absence_reason"].widget.attrs["aria-label"] = f"{member_name}缺席原因"
        self.fields["absence_reason"].widget.attrs.pop("data-count", None)
        self.helper.layout = Layout(
            Row(
                Column("present", css_class="col-auto attendance-present"),
                Column("absence_reason", css_class="col"),
                css_class="g-2 align-items-center",
            )
        )

    def clean(self):
        data = super().clean()
        if not data.get("present") and not data.get("absence_reason") and "absence_reason" not in self.errors:
            self.add_error("absence_reason", ABSENCE_MESSAGE)
        return data


# --- 会前准备 ---------------------------------------------------------------------------------------


class StudySessionForm(MeetingCardForm):
    id_prefix = "study"

    class Meta:
        model = StudySession
        fields = ["date", "topic", "content"]
        widgets = {
            "date": _date_widget(),
            "topic": forms.TextInput(attrs={"placeholder": "如：学习党的二十届三中全会精神"}),
            "content": _textarea(2, placeholder="学习了什么、谁作了交流发言（可选）"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Row(Column("date", css_class="col-sm-4"), Column("topic", css_class="col-sm-8")), "content"
        )


class SolicitationForm(MeetingCardForm):
    id_prefix = "solicitation"

    class Meta:
        model = OpinionSolicitation
        fields = ["method", "date", "participants"]
        widgets = {"date": _date_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        method = self.fields["method"]
        method.choices = [("", "请选择方式"), *OpinionSolicitation.Method.choices]
        method.error_messages["required"] = CHOOSE % "方式"
        self.helper.layout = Layout(
            Row(
                Column("method", css_class="col-sm-4"),
                Column("date", css_class="col-sm-4"),
                Column("participants", css_class="col-sm-4"),
            )
        )


class OpinionForm(MeetingCardForm):
    id_prefix = "opinion"
    aspect = _link_field("所属方面")
    target_member = _link_field("针对对象", message=MEMBER_MESSAGE)
    links = {"aspect": "未归类", "target_member": "班子"}

    class Meta:
        model = Opinion
        fields = ["text", "aspect", "target_member"]
        widgets = {"text": _textarea(2)}
        labels = {"text": "意见建议"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["aria-label"] = "意见建议"
        self.helper.layout = Layout(
            Row(
                Column("text", css_class="col-lg-6 opinion-text"),
                Column("aspect", css_class="col-sm-6 col-lg-3"),
                Column("target_member", css_class="col-sm-6 col-lg-3"),
                css_class="g-2",
            ),
        )

    def clean_aspect(self):
        return self._pick("aspect")

    def clean_target_member(self):
        return self._pick("target_member")


class OpinionPasteForm(forms.Form):
    """Many opinions at once, one per line, as they come from a 征求意见表 typed up in Word."""

    text = forms.CharField(
        label="粘贴意见建议（每行一条）",
        strip=False,  # keep leading blank lines so that the line numbers in messages are right
        widget=forms.Textarea(
            attrs={"rows": 6, "placeholder": "1. 理论学习的系统性还不够强……\n2. 深入基层调研不够……"}
        ),
        help_text=f"空行会被忽略；行首的序号（如“1.”“（一）”“一是”）会自动去掉；每条最多{OPINION_MAX_LENGTH}字。",
        error_messages={"required": "请粘贴意见建议，每行一条。"},
    )
    solicitation = _link_field("来源")
    aspect = _link_field("所属方面")
    target_member = _link_field("针对对象", message=MEMBER_MESSAGE)

    def __init__(
        self, *args, options: dict[str, dict[int, object]], labels: dict[str, dict[int, str]], **kwargs
    ):
        kwargs.setdefault("auto_id", "id_paste_%s")
        super().__init__(*args, **kwargs)
        self.options = options
        empties = {"solicitation": "（不指定）", "aspect": "未归类（以后再归类）", "target_member": "班子"}
        for name, empty in empties.items():
            shown = labels.get(name, {})
            self.fields[name].choices = [
                ("", empty),
                *((pk, shown.get(pk, str(o))) for pk, o in options[name].items()),
            ]
        # static/js/entries.js refreshes this list after every save of a solicitation card.
        self.fields["solicitation"].widget.attrs["data-sources"] = ""
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "text",
            Row(
                Column("solicitation", css_class="col-md-4"),
                Column("aspect", css_class="col-md-4"),
                Column("target_member", css_class="col-md-4"),
            ),
        )

    def clean(self):
        data = super().clean()
        for name in ["solicitation", "aspect", "target_member"]:
            pk = data.get(name)
            data[name] = self.options[name].get(pk) if pk is not None else None
        return data


class TalkForm(MeetingCardForm):
    id_prefix = "talk"
    initiator = _link_field("谈话人", required=True, message=MEMBER_MESSAGE)
    counterpart = _link_field("谈话对象（班子成员）", message=MEMBER_MESSAGE)
    links = {"initiator": "请选择谈话人", "counterpart": "（其他人员，在右侧填写）"}

    class Meta:
        model = Talk
        fields = ["initiator", "counterpart", "counterpart_name", "date", "summary"]
        widgets = {
            "date": _date_widget(),
            "counterpart_name": forms.TextInput(
                attrs={"placeholder": "不是班子成员时填写，如：办公室主任王某"}
            ),
            "summary": _textarea(2, placeholder="谈了哪些问题、提了哪些意见（可选）"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counterpart_name"].widget.attrs.pop("data-count", None)
        # Two by two: four in a row left the date input too narrow to show a date (and to click in
        # without hitting the browser's own clear or picker buttons).
        self.helper.layout = Layout(
            Row(
                Column("initiator", css_class="col-md-6"),
                Column("counterpart", css_class="col-md-6"),
                Column("counterpart_name", css_class="col-md-6"),
                Column("date", css_class="col-md-6"),
            ),
            "summary",
        )

    def clean_initiator(self):
        return self._pick("initiator")

    def clean_counterpart(self):
        return self._pick("counterpart")

    def clean(self):
        data = super().clean()
        initiator, counterpart = data.get("initiator"), data.get("counterpart")
        if "counterpart" not in self.errors and counterpart is None and not data.get("counterpart_name"):
            self.add_error("counterpart", "请选择谈话对象，或在“其他人员”中填写姓名和职务。")
        elif counterpart is not None and initiator is not None and counterpart.pk == initiator.pk:
            self.add_error("counterpart", "谈话人和谈话对象不能是同一人。")
        return data


# --- 情况报告 ---------------------------------------------------------------------------------------


class ReportForm(CardForm):
    id_prefix = "report"

    class Meta:
        model = Meeting
        fields = ["narrative", "supervisor_remarks", "report_date"]
        widgets = {
            "report_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "narrative": _textarea(
                8,
                placeholder="会议议程：通报上年度整改落实情况、班子对照检查、班子成员逐一发言并开展相互批评、"
                "督导组点评、主要负责同志总结讲话……",
            ),
            "supervisor_remarks": _textarea(5, placeholder="督导组在会上的点评意见要点"),
        }
        labels = {"narrative": "会议召开情况", "supervisor_remarks": "督导组点评意见"}
        help_texts = {
            "narrative": "留空时，情况报告按会议信息自动写出召开时间、主持人和出席情况",
            "report_date": "落款日期；留空则落款只署单位名称",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_date"].widget.attrs.pop("data-count", None)  # a date is not text to count

    def clean_report_date(self):
        day, meeting_date = self.cleaned_data.get("report_date"), self.instance.date
        if day and meeting_date and day < meeting_date:
            raise forms.ValidationError(f"报告日期不能早于会议日期（{cn_date(meeting_date)}）。")
        return day
