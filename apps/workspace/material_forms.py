"""Forms for what a material writes besides its entries — its free texts and leads, its own wording,
layout, numbering and signature — and for one aspect's heading and lead-in. Each renders only the
fields a card shows (``only``) and posts them to one autosave endpoint."""

from crispy_forms.layout import Layout
from django import forms

from apps.entries.models import MATERIAL_PRINT_SETTINGS, MATERIAL_WORDING_FIELDS, AspectText, Material
from apps.workspace.forms import CardForm, _textarea

TEXTS = ["preamble", "recap", "closing", "problems_lead", "causes_lead", "measures_lead"]
WORDING = list(MATERIAL_WORDING_FIELDS)
LAYOUT = list(MATERIAL_PRINT_SETTINGS)
SIGNATURE_DATE_MISSING = "落款选择了“单位名称和指定日期”，请填写落款日期。"


class OnlyFieldsMixin:
    """Keep the fields a card shows, in the order given; ``placeholders`` show the defaults that
    print while a field is left empty."""

    def keep(self, only: list[str], placeholders: dict[str, str] | None = None) -> None:
        for name in list(self.fields):
            if name not in only:
                del self.fields[name]
        for name, text in (placeholders or {}).items():
            if name in self.fields and text:
                self.fields[name].widget.attrs["placeholder"] = text
        self.helper.layout = Layout(*[name for name in only if name in self.fields])


class MaterialTextForm(OnlyFieldsMixin, CardForm):
    """The material's own fields: free texts, leads, wording, layout and signature."""

    id_prefix = "material"

    class Meta:
        model = Material
        fields = [*TEXTS, *WORDING, *LAYOUT]
        widgets = {
            **{name: _textarea(4) for name in ["preamble", "recap", "closing"]},
            **{name: _textarea(2) for name in ["problems_lead", "causes_lead", "measures_lead"]},
            "layout": forms.RadioSelect,
            "aspect_numbering": forms.RadioSelect,
            "problem_numbering": forms.RadioSelect,
            # Radios, not a checkbox: autosave posts only the fields present, and an unticked
            # checkbox is absent from the post.
            "auto_leads": forms.RadioSelect(choices=[(True, "自动生成"), (False, "不生成，留空即不写导语")]),
            "causes_numbering": forms.RadioSelect,
            "measures_numbering": forms.RadioSelect,
            "measure_item_marker": forms.RadioSelect,
            "signature": forms.RadioSelect,
            "signature_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "problems_lead": "写在“一、”标题之下、第一个方面之前，可不写。",
            "causes_lead": "留空则使用框中的默认导语，其中的数字随原因条数自动变化。",
            "measures_lead": "留空则使用框中的默认导语，其中的数字随措施条数自动变化。",
            "title": "留空则使用框中的标题。",
            "layout": "连排是多数班子材料的印法。",
        }

    def __init__(self, *args, only: list[str], placeholders: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["layout", "signature"]:  # empty in the model means "the default": never offered
            field = self.fields[name]
            field.required = True
            field.choices = [choice for choice in field.choices if choice[0]]
        self.fields["signature_date"].widget.attrs.pop("data-count", None)
        self.keep(only, placeholders)

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("signature") == Material.Signature.CHOSEN_DATE
        if chosen and "signature_date" in self.fields and not cleaned.get("signature_date"):
            self.add_error("signature_date", SIGNATURE_DATE_MISSING)
        return cleaned


class AspectTextForm(OnlyFieldsMixin, CardForm):
    """One aspect of one material: its heading as this material words it and its lead-in."""

    id_prefix = "aspect"

    class Meta:
        model = AspectText
        fields = ["heading", "lead_in"]
        widgets = {"lead_in": _textarea(2)}

    def __init__(self, *args, only: list[str], placeholders: dict[str, str] | None = None, **kwargs):
        kwargs.setdefault("auto_id", f"id_aspect{kwargs['instance'].aspect_id}_%s")
        super().__init__(*args, **kwargs)
        self.keep(only, placeholders)
