"""How long each imported field may be: read from the models, so an import never writes what the
entry forms would refuse (and the parser warns about the same limits the commit enforces)."""

from functools import cache

from apps.entries.models import AspectText, Cause, Material, Measure, MeasureItem, Problem

MATERIAL_TEXTS = (
    "title",
    "preamble",
    "recap_heading",
    "recap",
    "problems_heading",
    "problems_lead",
    "causes_heading",
    "causes_lead",
    "measures_heading",
    "measures_lead",
    "closing",
)

_MODELS = {
    "material": Material,
    "aspect": AspectText,
    "problem": Problem,
    "cause": Cause,
    "measure": Measure,
    "item": MeasureItem,
}


@cache
def max_length(model: str, field: str) -> int:
    return _MODELS[model]._meta.get_field(field).max_length


@cache
def label(model: str, field: str) -> str:
    return str(_MODELS[model]._meta.get_field(field).verbose_name)


def too_long(value: str, model: str, field: str) -> str:
    """A Chinese message if ``value`` is longer than the field allows, else empty."""
    limit = max_length(model, field)
    if len(value) <= limit:
        return ""
    return f"“{label(model, field)}”有 {len(value)} 字，超过上限 {limit} 字，请拆分或精简。"
