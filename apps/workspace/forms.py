"""The workspace's forms. Each card of a step is one small form, rendered with crispy-forms
(Bootstrap 5) without its own <form> tag: the template wraps it in an autosaved <form>."""

from crispy_forms import bootstrap as crispy_bootstrap
from crispy_forms import layout as crispy_layout
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout
from django import forms

from apps.core.text import strip_typed_numbering
from apps.entries.models import Cause, Measure, MeasureItem, Problem
from apps.entries.services import OWNER_MESSAGE, deadline_message

# Chinese messages for the few errors Django words for programmers.
REQUIRED = "请填写%s。"


class CardForm(forms.ModelForm):
    """A ModelForm that renders as a bare crispy fragment with ids unique on the page."""

    id_prefix = "card"

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        key = instance.pk if instance is not None and instance.pk else "new"
        kwargs.setdefault("auto_id", f"id_{self.id_prefix}{key}_%s")
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        for name, field in self.fields.items():
            if field.required:
                field.error_messages["required"] = REQUIRED % field.label
            if isinstance(field.widget, forms.Textarea | forms.TextInput):
                field.widget.attrs.setdefault("data-count", "")
                if getattr(field, "max_length", None):
                    field.widget.attrs["data-limit"] = field.max_length
            field.widget.attrs.setdefault("data-field", name)


def _textarea(rows: int, **attrs) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "data-autogrow": "", **attrs})


class ProblemForm(CardForm):
    id_prefix = "problem"
    # Named after the relation it writes (Opinion.claimed_by → Problem.claimed_opinions), so that a
    # stale save merges the claims like any other link list (apps.core.revisions).
    claimed_opinions = forms.TypedMultipleChoiceField(
        label="认领的意见建议",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="勾选本问题回应的征求到的意见建议",
    )

    class Meta:
        model = Problem
        fields = ["headline", "elaboration", "example", "source"]
        widgets = {
            "headline": forms.TextInput(attrs={"placeholder": "一句话概括问题，不写序号"}),
            "elaboration": _textarea(3, placeholder="具体表现：对照要求，写清楚问题是什么、表现在哪里"),
            "example": _textarea(2, placeholder="比如，……（写一个具体事例：时间、事情、后果）"),
        }
        help_texts = {"headline": "序号由系统自动生成"}

    def __init__(self, *args, opinion_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claimed_opinions"].choices = opinion_choices
        claimed = []
        if self.instance.pk and not self.is_bound:
            claimed = [o.pk for o in self.instance.claimed_opinions.all()]
            self.initial["claimed_opinions"] = claimed
        if not opinion_choices:
            del self.fields["claimed_opinions"]
        # Source and claimed opinions are secondary: folded so that a card shows the text first.
        summary = "问题来源" + ("、认领意见建议" if opinion_choices else "")
        if claimed:
            summary += f"（已认领{len(claimed)}条）"
        self.helper.layout = Layout(
            "headline",
            "elaboration",
            "example",
            HTML(f'<details class="entry-more mb-2"><summary class="small">{summary}</summary>'),
            "source",
            *(["claimed_opinions"] if opinion_choices else []),
            HTML("</details>"),
        )

    def clean_headline(self) -> str:
        return strip_typed_numbering(self.cleaned_data["headline"])

    def clean(self):
        """A problem that starts answering opinions came from them: its source still at 自查 is
        proposed as 征求意见 (once; a drafter who sets 自查 again afterwards keeps it)."""
        cleaned = super().clean()
        if (
            cleaned.get("claimed_opinions")
            and cleaned.get("source") == Problem.Source.SELF_EXAMINATION
            # Last: a query, needed only when the other two hold (not on most autosaves).
            and not (self.instance.pk and self.instance.claimed_opinions.exists())
        ):
            cleaned["source"] = Problem.Source.OPINIONS
        return cleaned


# --- 原因剖析 and 整改措施 ------------------------------------------------------------------------
# Choices (problems, causes, members) are computed once per page and handed to every card's form:
# no form runs a query of its own.

CHIP_LABEL_LIMIT = 36


def _chip(label: str) -> str:
    return label if len(label) <= CHIP_LABEL_LIMIT else label[: CHIP_LABEL_LIMIT - 1] + "…"


def _chips_field(label: str, help_text: str) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=label,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"invalid_choice": "勾选的条目已被删除或不属于本材料，请刷新页面后重新选择。"},
    )


def _chips(name: str) -> crispy_bootstrap.InlineCheckboxes:
    """Checkboxes shown as chips (styled in app.css: .chip-field)."""
    return crispy_bootstrap.InlineCheckboxes(name, wrapper_class="chip-field")


class CauseForm(CardForm):
    id_prefix = "cause"
    problems = _chips_field("对应问题", "点选这条原因所剖析的问题，可多选")

    class Meta:
        model = Cause
        fields = ["headline", "category", "elaboration"]
        widgets = {
            "headline": forms.TextInput(attrs={"placeholder": "一句话概括原因，不写序号"}),
            "elaboration": _textarea(3, placeholder="从理想信念、党性修养、宗旨意识等主观方面深入剖析"),
        }
        help_texts = {"headline": "序号由系统自动生成"}

    def __init__(self, *args, problem_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problems"].choices = [(pk, _chip(label)) for pk, label in problem_choices]
        if self.instance.pk and not self.is_bound:
            self.initial["problems"] = [p.pk for p in self.instance.problems.all()]
        if not problem_choices:
            del self.fields["problems"]
        self.helper.layout = crispy_layout.Layout(
            crispy_layout.Row(
                crispy_layout.Column("headline", css_class="col-lg-9"),
                crispy_layout.Column("category", css_class="col-lg-3"),
            ),
            "elaboration",
            *([_chips("problems")] if problem_choices else []),
        )

    def clean_headline(self) -> str:
        return strip_typed_numbering(self.cleaned_data["headline"])


class MeasureForm(CardForm):
    id_prefix = "measure"
    owner = forms.TypedChoiceField(label="责任领导", coerce=int, empty_value=None, required=False)
    problems = _chips_field("对应问题", "点选这项措施整改的问题，可多选")
    causes = _chips_field("对应原因", "点选这项措施针对的原因，可多选")

    class Meta:
        model = Measure
        fields = ["headline", "elaboration", "owner", "department", "deadline", "kind"]
        widgets = {
            "headline": forms.TextInput(attrs={"placeholder": "一句话概括措施，不写序号"}),
            "elaboration": _textarea(2, placeholder="措施的总体要求；具体举措在下方逐条填写"),
            "department": forms.TextInput(attrs={"placeholder": "如：办公室"}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "kind": forms.RadioSelect,
        }
        help_texts = {"headline": "序号由系统自动生成"}

    def __init__(self, *args, members=(), meeting_date=None, problem_choices=(), cause_choices=(), **kwargs):
        """``members``: the unit's members in official order (the only possible owners)."""
        super().__init__(*args, **kwargs)
        self.members = {member.pk: member for member in members}
        self.meeting_date = meeting_date
        owner = self.fields["owner"]
        owner.choices = [("", "请选择责任领导"), *((m.pk, str(m)) for m in members)]
        owner.error_messages["invalid_choice"] = OWNER_MESSAGE
        self.fields["deadline"].widget.attrs.pop("data-count", None)  # a date is not text to count
        if meeting_date:
            day = f"{meeting_date.year}年{meeting_date.month}月{meeting_date.day}日"
            self.fields["deadline"].help_text = f"不早于会议日期（{day}）"
        self.fields["problems"].choices = [(pk, _chip(label)) for pk, label in problem_choices]
        self.fields["causes"].choices = [(pk, _chip(label)) for pk, label in cause_choices]
        if self.instance.pk and not self.is_bound:
            self.initial["problems"] = [p.pk for p in self.instance.problems.all()]
            self.initial["causes"] = [c.pk for c in self.instance.causes.all()]
        for name, choices in [("problems", problem_choices), ("causes", cause_choices)]:
            if not choices:
                del self.fields[name]
        self.helper.layout = crispy_layout.Layout(
            "headline",
            "elaboration",
            crispy_layout.Row(
                crispy_layout.Column("owner", css_class="col-md-4"),
                crispy_layout.Column("department", css_class="col-md-4"),
                crispy_layout.Column("deadline", css_class="col-md-4"),
            ),
            crispy_bootstrap.InlineRadios("kind", wrapper_class="chip-field"),
            *(_chips(name) for name in ["problems", "causes"] if name in self.fields),
        )

    def clean_headline(self) -> str:
        return strip_typed_numbering(self.cleaned_data["headline"])

    def clean_owner(self):
        pk = self.cleaned_data.get("owner")
        if pk is None:
            return None
        if pk not in self.members:
            raise forms.ValidationError(OWNER_MESSAGE)
        return self.members[pk]

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and self.meeting_date and deadline < self.meeting_date:
            raise forms.ValidationError(deadline_message(self.meeting_date))
        return deadline


class MeasureItemForm(CardForm):
    """One sub-item of a measure, printed as 一要…二要…"""

    id_prefix = "item"

    class Meta:
        model = MeasureItem
        fields = ["text"]
        widgets = {"text": _textarea(2, placeholder="一条具体举措，写清做什么、怎么做，不写“一要”等序号")}
        labels = {"text": "具体举措"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_show_labels = False  # the number (一要…) beside it says what it is
        self.fields["text"].widget.attrs["aria-label"] = "具体举措"

    def clean_text(self) -> str:
        return strip_typed_numbering(self.cleaned_data["text"])
