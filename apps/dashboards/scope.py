"""What a 统计看板 page counts: one unit, or a unit and every unit below it that the user may see,
and the meetings of one year.

Every page of the app (the dashboard, its lists) reads the same query parameters: ``scope=subtree``
and ``year=N``. The units are kept as a lazy queryset (one recursive query that every figure embeds
as a subquery), so no figure's query grows with the number of units.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.urls import reverse

from apps.accounts import access
from apps.entries.models import Material, Measure, Problem
from apps.meetings.models import Meeting
from apps.units.models import Unit

SUBTREE = "subtree"


class ScopeForm(forms.Form):
    """The two parameters every dashboard page shares; a bad value is reported and ignored."""

    scope = forms.ChoiceField(
        label="范围",
        required=False,
        choices=[("", "本单位"), (SUBTREE, "本单位及下级单位")],
        error_messages={"invalid_choice": "范围只能是“本单位”或“本单位及下级单位”。"},
    )
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=1949,
        max_value=2200,
        error_messages={
            "invalid": "年度应为四位数字，如 2024。",
            "min_value": "年度应为四位数字，如 2024。",
            "max_value": "年度应为四位数字，如 2024。",
        },
    )


@dataclass
class Scope:
    unit: Unit
    subtree: bool
    units: QuerySet[Unit]
    years: list[int]
    year: int | None
    errors: list[str] = field(default_factory=list)
    # Who looks: the measures counted are those the ledger behind each number lists to them.
    viewer: object = None

    # What the figures count and the lists behind them show: the same querysets, so that a list
    # holds exactly what its number counted.
    def materials(self) -> QuerySet[Material]:
        return Material.objects.filter(meeting__unit__in=self.units.values("pk"), meeting__year=self.year)

    def team_problems(self) -> QuerySet[Problem]:
        return Problem.objects.filter(
            material__meeting__unit__in=self.units.values("pk"),
            material__meeting__year=self.year,
            material__member__isnull=True,
        )

    def measures(self) -> QuerySet[Measure]:
        """The measures the viewer's ledger lists (a member's own only to who may read them)."""
        return Measure.objects.filter(
            access.readable_material_q(self.viewer),
            material__meeting__unit__in=self.units.values("pk"),
            material__meeting__year=self.year,
        )

    @property
    def label(self) -> str:
        return "本单位及下级单位" if self.subtree else "本单位"

    def params(self, **extra) -> list[tuple[str, object]]:
        """The query parameters that keep this scope and year on a linked page, plus ``extra``
        (a list value repeats its parameter, as ``status`` does in the ledger)."""
        pairs: list[tuple[str, object]] = []
        if self.subtree:
            pairs.append(("scope", SUBTREE))
        if self.year is not None:
            pairs.append(("year", self.year))
        for key, value in extra.items():
            values = value if isinstance(value, list | tuple) else [value]
            pairs.extend((key, item) for item in values)
        return pairs

    def url(self, name: str, unit: Unit | int | None = None, **extra) -> str:
        """``name``'s address for ``unit`` (the scope's own by default) with this scope's parameters."""
        pk = self.unit.pk if unit is None else getattr(unit, "pk", unit)
        return f"{reverse(name, args=[pk])}?{urlencode(self.params(**extra))}".rstrip("?")

    def unit_url(self, name: str, unit: Unit | int, **extra) -> str:
        """``name``'s address for one unit alone (no ``scope``), same year: a per-unit row's link."""
        pairs = [("year", self.year)] if self.year is not None else []
        for key, value in extra.items():
            pairs.append((key, value))
        return f"{reverse(name, args=[getattr(unit, 'pk', unit)])}?{urlencode(pairs)}".rstrip("?")


def scope_from_request(request, unit: Unit) -> Scope:
    form = ScopeForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    errors = [message for messages in form.errors.values() for message in messages]
    subtree = data.get("scope") == SUBTREE
    units = access.units_in_scope(request.user, unit, subtree=subtree)
    years = list(
        Meeting.objects.filter(unit__in=units.values("pk"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    year = data.get("year") or (years[0] if years else None)
    if year is not None and year not in years:
        years = sorted([*years, year], reverse=True)
    return Scope(
        unit=unit, subtree=subtree, units=units, years=years, year=year, errors=errors, viewer=request.user
    )
