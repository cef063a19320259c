from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q

from apps.imports.reading import MAX_UPLOAD_BYTES
from apps.outlines.models import Aspect, OutlineTemplate
from apps.snippets.importing import too_large
from apps.snippets.models import Snippet

YEAR_VALIDATORS = [
    MinValueValidator(1990, "年度应在 1990 至 2100 之间。"),
    MaxValueValidator(2100, "年度应在 1990 至 2100 之间。"),
]


def unit_aspects(unit):
    """The aspects of the outlines the unit's meetings follow, and of the outlines in use this year."""
    outlines = OutlineTemplate.objects.filter(Q(meetings__unit=unit) | Q(is_active=True)).distinct()
    return (
        Aspect.objects.filter(outline__in=outlines)
        .select_related("outline")
        .order_by("-outline__year", "outline__name", "position")
    )


class AspectChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Aspect) -> str:
        return f"{obj.outline.name} · {obj.label or obj.wording}"


class SnippetForm(forms.ModelForm):
    shared = forms.BooleanField(label="共享给所有单位", required=False, help_text="只有管理员可以共享素材")

    class Meta:
        model = Snippet
        fields = ["text", "kind", "aspects", "year", "source"]
        field_classes = {"aspects": AspectChoiceField}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "aspects": forms.CheckboxSelectMultiple,
            "year": forms.NumberInput(attrs={"min": 1990, "max": 2100}),
        }

    def __init__(self, *args, unit, can_share: bool, **kwargs):
        super().__init__(*args, **kwargs)
        aspects = unit_aspects(unit)
        if self.instance.pk:  # keep the tags it has, even from an outline no longer listed
            aspects = (aspects | Aspect.objects.filter(snippets=self.instance)).distinct()
        self.fields["aspects"].queryset = aspects
        self.fields["year"].validators += YEAR_VALIDATORS
        if can_share:
            self.fields["shared"].initial = self.instance.pk is not None and self.instance.is_shared
        else:
            del self.fields["shared"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="素材集文件",
        help_text="支持 .txt 和 .docx，最大 10 MB：标题行之后是编号 01、02…的段落，每段一条素材；"
        "没有编号则每个段落一条。",
    )
    kind = forms.ChoiceField(
        label="类别", required=False, choices=[("", "按标题判断"), *Snippet.Kind.choices]
    )
    year = forms.IntegerField(
        label="年度", required=False, validators=YEAR_VALIDATORS, help_text="留空则按标题判断（如“2021年…”）"
    )
    source = forms.CharField(label="来源", required=False, max_length=200, help_text="留空则用素材集的标题")
    shared = forms.BooleanField(label="导入共享素材库（所有单位可见）", required=False)

    def __init__(self, *args, can_share: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_share:
            del self.fields["shared"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_large(upload.size))
        return upload


class SearchForm(forms.Form):
    """The library page's query string; a value that is not a valid choice is ignored, not an error."""

    q = forms.CharField(label="搜索", required=False, max_length=500)
    kind = forms.ChoiceField(label="类别", required=False, choices=[("", "全部类别"), *Snippet.Kind.choices])
    aspect = forms.TypedChoiceField(label="方面", required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label="年度", required=False, coerce=int, empty_value=None)
    source = forms.ChoiceField(label="来源", required=False)
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, aspects, years, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aspect"].choices = [("", "全部方面")] + [
            (a.pk, AspectChoiceField.label_from_instance(None, a)) for a in aspects
        ]
        self.fields["year"].choices = [("", "全部年度")] + [(y, f"{y}年") for y in years]
        self.fields["source"].choices = [("", "全部来源")] + [(s, s) for s in sources]

    def values(self) -> dict:
        """The valid filters; invalid ones dropped (a stale link still shows the library)."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
