"""What every workspace page and autosave endpoint shares: loading the meeting and material the
user may see, the sidebar of steps, and the JSON the script refreshes counters and marks from."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from apps.accounts import access
from apps.core.ids import parse_ids
from apps.entries.models import Material
from apps.entries.services import entry_delete
from apps.meetings.models import Meeting
from apps.workspace import selectors
from apps.workspace.autosave import refused

UNDO_SESSION_KEY = "workspace_undo"
UNDO_KEEP = 20  # deleted entries a session can still restore


class CardUrls:
    """The URLs of one kind of card (its save, its delete…), reversed once per page: they differ
    only in the cards' ids, and reverse() costs ~40 µs on a 2-core VM, where an 整改措施 page has
    ~80 card URLs. Ids no row has stand in for the cards' own, which replace them."""

    MARKS = (918273645546372819, 918273645546372820)

    def __init__(self, name: str, fixed: list[int], ids: int) -> None:
        self.marks = [str(mark) for mark in self.MARKS[:ids]]
        self.template = reverse(name, args=[*fixed, *self.MARKS[:ids]])

    def __call__(self, *ids: int) -> str:
        url = self.template
        for mark, pk in zip(self.marks, ids, strict=True):
            url = url.replace(mark, str(int(pk)))
        return url


@dataclass
class Workspace:
    meeting: Meeting
    material: Material
    can_edit: bool
    _card_urls: dict[str, CardUrls] = field(default_factory=dict, repr=False)

    @property
    def is_team(self) -> bool:
        return self.material.is_team

    def card_url(self, name: str, *ids: int) -> str:
        """``reverse(name, args=[meeting, material, *ids])``, for the many cards of a page."""
        if name not in self._card_urls:
            self._card_urls[name] = CardUrls(name, [self.meeting.pk, self.material.pk], len(ids))
        return self._card_urls[name](*ids)


def load_meeting(request, meeting_pk: int, *, for_edit: bool = False) -> Meeting:
    return access.get_meeting_for_user(request.user, meeting_pk, for_edit=for_edit)


def load(request, meeting_pk: int, material_pk: int, *, for_edit: bool = False) -> Workspace:
    material = access.get_meeting_material_for_user(request.user, meeting_pk, material_pk, for_edit=for_edit)
    return Workspace(material.meeting, material, access.can_edit_material(request.user, material))


def team_material(meeting: Meeting) -> Material:
    material, _ = Material.objects.get_or_create(meeting=meeting, member=None)
    return material


def page_context(request, ws: Workspace, step_key: str, **extra) -> dict:
    stats, steps = selectors.page_overview(ws.meeting, ws.material)
    current = next((step for step in steps if step.key == step_key), None)
    personal = []
    if ws.is_team:
        personal = [
            m
            for m in ws.meeting.materials.personal().select_related("member").order_by("member__position")
            if access.can_view_material(request.user, m)
        ]
    return {
        "meeting": ws.meeting,
        "material": ws.material,
        "team_material": ws.material if ws.is_team else None,
        "can_edit": ws.can_edit,
        "read_only_reason": ""
        if ws.can_edit
        else access.material_read_only_reason(request.user, ws.material),
        "steps": steps,
        "current_step": current,
        "stats": stats,
        "personal_materials": personal,
        **extra,
    }


def meeting_page_context(request, meeting: Meeting, step_key: str, **extra) -> dict:
    """The pages of the meeting itself (会议信息, 会前准备, 情况报告) sit in the team workspace."""
    ws = Workspace(meeting, team_material(meeting), access.can_edit_meeting(request.user, meeting))
    extra.setdefault("read_only_reason", "" if ws.can_edit else access.read_only_reason(meeting))
    return page_context(request, ws, step_key, **extra)


def _marks(steps: list[selectors.Step]) -> list[dict]:
    return [{"key": s.key, "state": s.state, "label": s.state_label, "notes": s.notes} for s in steps]


def progress(material: Material) -> dict:
    """Fresh counters and the marks of the steps a save of the material can change, sent with every
    save so the page never goes stale (one query: an autosave must stay cheap under load)."""
    stats, steps = selectors.material_progress(material)
    return {"stats": stats, "steps": _marks(steps)}


def meeting_progress(meeting: Meeting) -> dict:
    """The marks of the meeting's own steps, sent with every save of the meeting's pages."""
    return {"steps": _marks(selectors.meeting_steps(meeting))}


def remember_deleted(request, snapshot: dict, label: str) -> str:
    """Keep a deleted entry's snapshot in the session; the token restores it."""
    token = secrets.token_urlsafe(8)
    kept = request.session.get(UNDO_SESSION_KEY, {})
    kept[token] = {"snapshot": snapshot, "label": label}
    request.session[UNDO_SESSION_KEY] = dict(list(kept.items())[-UNDO_KEEP:])
    return token


def take_deleted(request, token: str) -> dict | None:
    kept = request.session.get(UNDO_SESSION_KEY, {})
    entry = kept.pop(token, None)
    request.session[UNDO_SESSION_KEY] = kept
    return entry["snapshot"] if entry else None


REORDER_REFUSED = "排序未保存：列表与当前内容不一致，请刷新页面后重试。"


def delete_with_undo(
    request, ws: Workspace, entry, label: str, after: Callable[[], dict] | None = None
) -> JsonResponse:
    """Delete ``entry``, keep it for 撤销 and answer with fresh counters (and what ``after``
    computes once the entry is gone)."""
    try:
        snapshot = entry_delete(entry)
    except ValidationError as error:
        return refused(error.messages[0])
    token = remember_deleted(request, snapshot, label)
    undo_url = reverse("workspace:restore", args=[ws.meeting.pk, ws.material.pk])
    undo = {"url": undo_url, "token": token, "label": label}
    return JsonResponse({"ok": True, "undo": undo, **(after() if after else {}), **progress(ws.material)})


def reorder_response(ws: Workspace, request, reorder: Callable[..., None], **target) -> JsonResponse:
    """Run a ``*_reorder`` service with the posted ids; a list that no longer matches is refused."""
    ids = parse_ids(request.POST.getlist("ids"))
    if ids is None:
        return refused(REORDER_REFUSED)
    try:
        reorder(ordered_ids=ids, **target)
    except ValidationError:
        return refused(REORDER_REFUSED)
    return JsonResponse({"ok": True, **progress(ws.material)})


def get_entry(queryset, pk: int):
    """An entry of the current material; any other id (another unit's included) is a 404."""
    return get_object_or_404(queryset, pk=pk)
