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


def field(model: str, name: str):
    return _MODELS[model]._meta.get_field(name)


@cache
def max_length(model: str, name: str) -> int:
    return field(model, name).max_length


@cache
def label(model: str, name: str) -> str:
    return str(field(model, name).verbose_name)


def too_long(value: str, model: str, name: str) -> str:
    """A Chinese message if ``value`` is longer than the field allows, else empty."""
    limit = max_length(model, name)
    if len(value) <= limit:
        return ""
    return f"“{label(model, name)}”有 {len(value)} 字，超过上限 {limit} 字，请拆分或精简。"
