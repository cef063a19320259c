"""Writes to the 素材库: one snippet at a time (the bulk import is apps.snippets.importing), and
those of the workspace's panel: save an entry to the library, remember which field of which entry
took a snippet, and forget that again when the insertion is undone.

An entry is named the way the panel's script knows it, by a type and an id within one material:

  problem / cause / measure / item   the entry's own id (item: a measure's sub-item, 一要…)
  aspect                             the id of the outline's aspect: this material's lead-in for it
                                     (its row only exists once something was saved)
  material                           the material itself (its leads, preamble, recap, closing)

The text saved to the library reads as the export prints the entry (the headline as a sentence, the
elaboration and the example run on after it, a measure's sub-items as 一要…二要…), without its own
number: the number belongs to the place where the text is used next.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction

from apps.core.numbering import inline_marker
from apps.core.text import clean_line, clean_text
from apps.entries.models import AspectText, Cause, Material, Measure, MeasureItem, Problem
from apps.exports.context.text import lines_of, sentence
from apps.snippets.models import Snippet, SnippetUse


@transaction.atomic
def snippet_create(
    *, unit, user, text: str, kind: str, aspects, year: int | None, source: str, shared: bool = False
) -> Snippet:
    """``shared``: no unit, visible to every unit (the caller checks the user may share)."""
    snippet = Snippet(unit=None if shared else unit, text=text, kind=kind, year=year, source=source)
    snippet.created_by = user if user and user.is_authenticated else None
    snippet.full_clean()
    snippet.save()
    snippet.aspects.set(aspects)
    return snippet


@transaction.atomic
def snippet_update(
    *, snippet: Snippet, unit, text: str, kind: str, aspects, year: int | None, source: str, shared: bool
) -> Snippet:
    snippet.text, snippet.kind, snippet.year, snippet.source = text, kind, year, source
    snippet.unit = None if shared else unit
    snippet.full_clean()
    snippet.save()
    snippet.aspects.set(aspects)
    return snippet


def snippet_delete(*, snippet: Snippet) -> None:
    snippet.delete()


# --- The workspace's panel ------------------------------------------------------------------------

# The fields a snippet may go into, by entry type: the texts a drafter writes, nothing else.
ENTRY_FIELDS: dict[str, tuple[str, ...]] = {
    "problem": ("headline", "elaboration", "example"),
    "cause": ("headline", "elaboration"),
    "measure": ("headline", "elaboration"),
    "item": ("text",),
    "aspect": ("lead_in",),
    "material": ("preamble", "recap", "problems_lead", "causes_lead", "measures_lead", "closing"),
}
# The entries a whole text can be saved from, and the kind of snippet each becomes.
SAVED_KINDS: dict[str, str] = {
    "problem": Snippet.Kind.PROBLEM,
    "cause": Snippet.Kind.CAUSE,
    "measure": Snippet.Kind.MEASURE,
    "aspect": Snippet.Kind.LEAD_IN,
}

UNKNOWN_ENTRY_TYPE = "无法识别要插入的内容类型，请刷新页面后重试。"
FIELD_NOT_ALLOWED = "素材只能插入到问题、原因、措施和导语等正文输入框中。"
UNKNOWN_MODE = "插入方式只能是追加或替换。"
EMPTY_ENTRY = "这条内容还是空的，写好并保存后再存入素材库。"
ALREADY_SAVED = "素材库中已有相同内容。"
SAVED = "已存入素材库。"
# Nothing is cut without telling: a text longer than a snippet may hold is refused, with the numbers.
TOO_LONG = "这条内容有 {length} 字，超过素材库单条 {limit} 字的上限，请精简或分开保存。"


class EntryNotFound(ObjectDoesNotExist):
    """No entry of that type and id in this material (another unit's ids included): a 404."""


@dataclass
class SavedSnippet:
    snippet: Snippet
    created: bool

    @property
    def message(self) -> str:
        return SAVED if self.created else ALREADY_SAVED


# --- Finding the entry --------------------------------------------------------------------------


def entry_of(*, material: Material, entry_type: str, entry_id: int) -> models.Model:
    """The entry of ``material`` named by ``entry_type`` and ``entry_id``; never another material's.

    Raises ValidationError for a type the panel does not know, :class:`EntryNotFound` for an id that
    is not this material's."""
    lookups = {
        "problem": lambda: material.problems.select_related("aspect").get(pk=entry_id),
        "cause": lambda: material.causes.get(pk=entry_id),
        "measure": lambda: material.measures.get(pk=entry_id),
        "item": lambda: MeasureItem.objects.get(pk=entry_id, measure__material=material),
        "aspect": lambda: material.aspect_texts.select_related("aspect").get(
            aspect_id=entry_id, aspect__outline_id=material.meeting.outline_id
        ),
        "material": lambda: _same_material(material, entry_id),
    }
    if entry_type not in lookups:
        raise ValidationError(UNKNOWN_ENTRY_TYPE)
    try:
        return lookups[entry_type]()
    except ObjectDoesNotExist as missing:
        raise EntryNotFound(str(missing)) from missing


def _same_material(material: Material, entry_id: int) -> Material:
    if material.pk != entry_id:
        raise Material.DoesNotExist
    return material


# --- Recording uses -----------------------------------------------------------------------------


def record_use(
    *,
    snippet: Snippet,
    material: Material,
    entry_type: str,
    entry_id: int,
    field_name: str,
    mode: str,
    user,
) -> SnippetUse:
    """Remember that ``snippet`` went into ``field_name`` of an entry of ``material``.

    The caller has checked that the user may edit ``material`` and see ``snippet``; this checks the
    rest: the type and field are ones a snippet may go into, the entry is this material's."""
    if field_name not in ENTRY_FIELDS.get(entry_type, ()):
        raise ValidationError(FIELD_NOT_ALLOWED if entry_type in ENTRY_FIELDS else UNKNOWN_ENTRY_TYPE)
    if mode not in SnippetUse.Mode.values:
        raise ValidationError(UNKNOWN_MODE)
    entry = entry_of(material=material, entry_type=entry_type, entry_id=entry_id)
    return SnippetUse.objects.create(
        snippet=snippet,
        material=material,
        entry_type=ContentType.objects.get_for_model(entry),
        entry_id=entry.pk,
        field_name=field_name,
        mode=mode,
        used_by=user if getattr(user, "is_authenticated", False) else None,
    )


def forget_use(*, use: SnippetUse) -> None:
    """The insertion was undone: the entry no longer holds the snippet's text because of it."""
    use.delete()


# --- Saving an entry to the library -------------------------------------------------------------


def snippet_from_entry(*, material: Material, entry_type: str, entry_id: int, user) -> SavedSnippet:
    """Save the text of an entry of ``material`` as a snippet of its unit, tagged with the entry's
    kind and aspects, the meeting's year and ``本单位{year}年{material}`` as its source. The same
    text already in the unit's library is not saved twice: that one is returned."""
    if entry_type not in SAVED_KINDS:
        raise ValidationError(UNKNOWN_ENTRY_TYPE)
    entry = entry_of(material=material, entry_type=entry_type, entry_id=entry_id)
    text = clean_text(entry_text(entry))
    if not text:
        raise ValidationError(EMPTY_ENTRY)
    limit = Snippet._meta.get_field("text").max_length
    if len(text) > limit:
        raise ValidationError(TOO_LONG.format(length=len(text), limit=limit))
    meeting = material.meeting
    with transaction.atomic():
        existing = Snippet.objects.filter(unit=meeting.unit_id, text=text).first()
        if existing is not None:
            return SavedSnippet(existing, created=False)
        snippet = snippet_create(
            unit=meeting.unit,
            user=user,
            text=text,
            kind=SAVED_KINDS[entry_type],
            aspects=aspect_ids_of(entry),
            year=meeting.year,
            source=source_of(material),
        )
    return SavedSnippet(snippet, created=True)


def source_of(material: Material) -> str:
    """本单位2030年班子对照检查材料 / 本单位2030年张三个人对照检查材料"""
    return f"本单位{material.meeting.year}年{material.document_label}"


def aspect_ids_of(entry: models.Model) -> list[int]:
    """The aspects an entry belongs to: a problem's and a lead-in's own, a cause's or a measure's
    through the problems it answers."""
    if isinstance(entry, Problem | AspectText):
        return [entry.aspect_id]
    if isinstance(entry, Cause | Measure):
        return sorted(set(entry.problems.values_list("aspect_id", flat=True)))
    return []


def entry_text(entry: models.Model) -> str:
    """The entry as the export prints it, without its number (see the module's docstring)."""
    if isinstance(entry, Problem):
        return run_on(sentence(entry.headline), entry.elaboration, entry.example)
    if isinstance(entry, Cause):
        return run_on(sentence(entry.headline), entry.elaboration)
    if isinstance(entry, Measure):
        items = [
            inline_marker(position, "要") + sentence(item.text)
            for position, item in enumerate(entry.items.order_by("position"), start=1)
            if clean_line(item.text).strip()
        ]
        return run_on(sentence(entry.headline), entry.elaboration, *items)
    if isinstance(entry, AspectText):
        return entry.lead_in
    if isinstance(entry, MeasureItem):
        return entry.text
    return ""


def run_on(*pieces: str) -> str:
    """The pieces run on in one paragraph; a line break inside a piece starts a new paragraph, as
    the export's ``flow`` does."""
    paragraphs = [""]
    for piece in pieces:
        lines = lines_of(piece)
        if not lines:
            continue
        paragraphs[-1] += lines[0]
        paragraphs += lines[1:]
    return "\n".join(paragraph for paragraph in paragraphs if paragraph)
