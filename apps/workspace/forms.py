"""The workspace's forms. Each card of a step is one small form, rendered with crispy-forms
(Bootstrap 5) without its own <form> tag: the template wraps it in an autosaved <form>."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout
from django import forms

from apps.core.text import strip_typed_numbering
from apps.entries.models import Material, Problem

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
    opinions = forms.TypedMultipleChoiceField(
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
        self.fields["opinions"].choices = opinion_choices
        claimed = []
        if self.instance.pk and not self.is_bound:
            claimed = [o.pk for o in self.instance.claimed_opinions.all()]
            self.initial["opinions"] = claimed
        if not opinion_choices:
            del self.fields["opinions"]
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
            *(["opinions"] if opinion_choices else []),
            HTML("</details>"),
        )

    def clean_headline(self) -> str:
        return strip_typed_numbering(self.cleaned_data["headline"])


class MaterialTextForm(CardForm):
    """The free text of a material around the structured parts (开头, 上年度整改情况, 结尾)."""

    id_prefix = "material"

    class Meta:
        model = Material
        fields = ["preamble", "recap", "closing"]
        widgets = {name: _textarea(4) for name in ["preamble", "recap", "closing"]}

    def __init__(self, *args, only: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in only:
                del self.fields[name]
