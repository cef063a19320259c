"""The query string of the 整改台账 lists, read by one form: the page, its XLSX and PDF and the
dashboards' click-through all pass the same parameters (status repeatable, owner, overdue=1,
due_within=N, aspect, year, completed=YYYY-MM, scope=subtree, sort).

A value that cannot be right gets a message on its field and is left out of the filtering; the rest
still applies, so a stale or hand-edited link shows a list, never an error page."""

import datetime
import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError

from apps.entries.models import Measure
from apps.units.models import Member

Status = Measure.Status

# sort value → label; a leading "-" sorts descending.
SORTS = {
    "deadline": "完成时限（早的在前）",
    "-deadline": "完成时限（晚的在前）",
    "status": "状态（未启动在前）",
    "-status": "状态（已销号在前）",
    "owner": "责任领导（按正式排序）",
    "-owner": "责任领导（倒序）",
    "unit": "单位（按名称）",
    "-unit": "单位（倒序）",
}
SUBTREE = "subtree"
DUE_WITHIN_MAX = 366


@dataclass(frozen=True)
class LedgerFilters:
    """The valid filters of one request; empty values filter nothing."""

    statuses: tuple[str, ...] = ()
    owner: Member | None = None
    overdue: bool = False
    due_within: int | None = None
    aspect: str = ""
    year: int | None = None
    completed: datetime.date | None = None  # the first day of the month the measures were completed in
    subtree: bool = False
    sort: str = ""
    invalid: tuple[str, ...] = field(default=(), compare=False)

    @property
    def any(self) -> bool:
        """Whether anything narrows the list (the scope and the order do not)."""
        return bool(
            self.statuses
            or self.owner
            or self.overdue
            or self.due_within
            or self.aspect
            or self.year
            or self.completed
        )

    def description(self) -> str:
        """The filters in words, for the PDF's and the spreadsheet's title: ``状态：推进中；已逾期``."""
        parts = []
        if self.statuses:
            parts.append("状态：" + "、".join(str(Status(status).label) for status in self.statuses))
        if self.owner:
            parts.append(f"责任领导：{self.owner.name}")
        if self.overdue and self.due_within:
            parts.append(f"已逾期或{self.due_within}天内到期")
        elif self.overdue:
            parts.append("已逾期")
        elif self.due_within:
            parts.append(f"{self.due_within}天内到期")
        if self.aspect:
            parts.append(f"所属方面：{self.aspect}")
        if self.year:
            parts.append(f"{self.year}年度")
        if self.completed:
            parts.append(f"{self.completed.year}年{self.completed.month}月完成")
        return "；".join(parts)


class OwnerChoiceField(forms.ModelChoiceField):
    """Owners in official order; across units each name says its unit."""

    def __init__(self, *args, with_unit: bool = False, **kwargs):
        self.with_unit = with_unit
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Member) -> str:
        return f"{obj.name}（{obj.unit.display_name}）" if self.with_unit else obj.name


class MonthField(forms.CharField):
    """``2024-03`` (what a browser's month picker sends) → the first day of that month."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "如 2024-03"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
        if not match or not 1 <= int(match[2]) <= 12 or not 1949 <= int(match[1]) <= 2200:
            raise ValidationError("完成月份请写作“年-月”，如 2024-03。", code="invalid")
        return datetime.date(int(match[1]), int(match[2]), 1)


class LedgerFilterForm(forms.Form):
    """The filter bar. Choices come from the ledger's own scope: its owners, its outlines' aspects,
    its meetings' years."""

    status = forms.MultipleChoiceField(
        label="状态",
        required=False,
        choices=Status.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "没有“%(value)s”这个状态，请在列出的状态中选择。"},
    )
    owner = OwnerChoiceField(
        label="责任领导",
        required=False,
        queryset=Member.objects.none(),
        empty_label="全部责任领导",
        error_messages={"invalid_choice": "没有这位责任领导，请从列表中选择。"},
    )
    overdue = forms.BooleanField(label="只看已逾期", required=False)
    due_within = forms.IntegerField(
        label="到期天数",
        required=False,
        min_value=1,
        max_value=DUE_WITHIN_MAX,
        help_text="列出这么多天内到期、尚未完成的措施；与“只看已逾期”同时选时两者都列出",
        error_messages={
            "invalid": "到期天数请填写整数，如 7。",
            "min_value": "到期天数至少为 1 天。",
            "max_value": f"到期天数不能超过 {DUE_WITHIN_MAX} 天。",
        },
    )
    aspect = forms.ChoiceField(
        label="所属方面",
        required=False,
        error_messages={"invalid_choice": "没有“%(value)s”这个方面，请从列表中选择。"},
    )
    year = forms.TypedChoiceField(
        label="年度",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "没有%(value)s年度的会议，请从列表中选择。"},
    )
    completed = MonthField(label="完成月份", required=False)
    scope = forms.ChoiceField(
        label="范围",
        required=False,
        choices=[("", "本单位"), (SUBTREE, "本单位及下级单位")],
        error_messages={"invalid_choice": "范围只能是本单位或本单位及下级单位。"},
    )
    sort = forms.ChoiceField(
        label="排序",
        required=False,
        choices=[("", "默认顺序"), *SORTS.items()],
        error_messages={"invalid_choice": "无法按“%(value)s”排序，请从列表中选择。"},
    )

    def __init__(self, data, *, owners, aspects: list[str], years: list[int], for_unit: bool, **kwargs):
        super().__init__(data, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = owners
        owner.with_unit = for_unit
        self.fields["aspect"].choices = [("", "全部方面"), *((label, label) for label in aspects)]
        if for_unit:
            self.fields["year"].choices = [("", "全部年度"), *((year, f"{year}年") for year in years)]
        else:  # one meeting is one year, and has no units below it
            del self.fields["year"], self.fields["scope"]
        for bound in self.fields.values():
            if isinstance(bound.widget, forms.Select):
                bound.widget.attrs["class"] = "form-select form-select-sm"
            elif isinstance(bound.widget, forms.TextInput):
                bound.widget.attrs["class"] = "form-control form-control-sm"
            elif isinstance(bound.widget, forms.NumberInput):
                bound.widget.attrs.update({"class": "form-control form-control-sm", "placeholder": "如 7"})
            elif isinstance(bound.widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                bound.widget.attrs["class"] = "form-check-input"

    def filters(self) -> LedgerFilters:
        """The valid values; a field with an error filters nothing and keeps its message."""
        self.is_valid()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        return LedgerFilters(
            statuses=tuple(dict.fromkeys(data.get("status") or ())),
            owner=data.get("owner"),
            overdue=bool(data.get("overdue")),
            due_within=data.get("due_within"),
            aspect=data.get("aspect") or "",
            year=data.get("year"),
            completed=data.get("completed"),
            subtree=data.get("scope") == SUBTREE,
            sort=data.get("sort") or "",
            invalid=tuple(self.errors),
        )
