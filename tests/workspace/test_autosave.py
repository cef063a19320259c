"""Two editors saving the same card over the real endpoints: the three-way merge of a stale save
(apps/core/revisions.py) for every kind of field the workspace autosaves — link lists, dates,
foreign keys, choices and empty values — with the form and its ``_base`` read from the page the
way static/js/autosave.js reads them, so that the test also sees how the page renders each value.

For each field X of the table, while editor B's page is stale:
(a) A changed another field, B changed X: both are kept;
(b) A changed X, B changed another field: A's X is kept, not wiped by B's stale form;
(c) both changed X, differently: 409 with both values, and nothing of B's is written.
"""

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

from apps.entries import services as entry_services
from apps.entries.models import Material
from apps.meetings import services as meeting_services
from apps.meetings.models import Opinion
from tests.workspace.conftest import material_url, meeting_url, post_json

# --- Reading a card's form off its page, as the browser does -----------------------------------------


class _CardParser(HTMLParser):
    """The named controls of the one <form> whose action is ``action``."""

    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.controls: list[dict] = []
        self._open: dict | None = None  # the <select> or <textarea> being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action") == self.action
        elif not self.inside:
            return
        elif tag == "input" and attrs.get("name") and attrs.get("type") not in ("button", "submit"):
            self.controls.append(
                {
                    "name": attrs["name"],
                    "type": attrs.get("type", "text"),
                    "value": attrs.get("value") or "",
                    "checked": "checked" in attrs,
                }
            )
        elif tag in ("select", "textarea") and attrs.get("name"):
            # (The workspace has no <select multiple>: a select shows one value.)
            self._open = {"name": attrs["name"], "type": tag, "options": [], "value": ""}
            self.controls.append(self._open)
        elif tag == "option" and self._open is not None:
            self._open["options"].append((attrs.get("value") or "", "selected" in attrs))

    def handle_data(self, data):
        if self._open is not None and self._open["type"] == "textarea":
            self._open["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag in ("select", "textarea"):
            if self._open is not None and tag == "textarea":
                # Browsers drop the newline that directly follows <textarea>.
                self._open["value"] = self._open["value"].removeprefix("\n")
            self._open = None


@dataclass
class Card:
    """One autosaved form as a page shows it: ``shows`` is what formValues() reads (sent as
    ``_base``), ``sends`` what FormData posts (an unticked checkbox is absent)."""

    save_url: str
    shows: dict
    sends: dict

    @property
    def revision(self) -> int:
        return int(self.sends["revision"])


def open_card(client, page_url: str, save_url: str) -> Card:
    response = client.get(page_url)
    assert response.status_code == 200
    parser = _CardParser(save_url)
    parser.feed(response.content.decode())
    assert parser.controls, f"no form posting to {save_url} on {page_url}"
    boxes = Counter(control["name"] for control in parser.controls if control["type"] == "checkbox")
    shows: dict = {}
    sends: dict = {}
    for control in parser.controls:
        name, kind = control["name"], control["type"]
        if kind == "select":
            options = control["options"]
            # A single select without a selected option shows its first one.
            chosen = [value for value, selected in options if selected] or [value for value, _ in options[:1]]
            shows[name] = chosen[0] if chosen else ""
            if chosen:
                sends[name] = chosen[0]
        elif kind == "checkbox" and boxes[name] == 1:
            # formValues(): a lone checkbox is a value or "", not a list — even in a link group
            # that happens to offer one choice.
            shows[name] = (control["value"] or "on") if control["checked"] else ""
            if control["checked"]:
                sends.setdefault(name, []).append(control["value"] or "on")
        elif kind in ("checkbox", "radio"):
            shows.setdefault(name, [] if kind == "checkbox" else "")
            if control["checked"]:
                if kind == "radio":
                    shows[name] = control["value"]
                    sends[name] = control["value"]
                else:
                    shows[name].append(control["value"])
                    sends.setdefault(name, []).append(control["value"])
        else:
            shows[name] = control["value"]
            sends[name] = control["value"]
    shows.pop("revision", None)
    return Card(save_url, shows, sends)


def autosave(client, card: Card, **changes):
    """Post the card with ``changes`` typed into it, as autosave.js does: the form as it now is,
    the revision and the values it showed when loaded. A list is a checkbox group."""
    data = {**card.sends, **changes, "_base": json.dumps(card.shows)}
    data = {name: value for name, value in data.items() if value != []}  # unticked: not posted
    return post_json(client, card.save_url, data)


def saved(card: Card, payload: dict, **changes) -> Card:
    """The card as autosave.js keeps it once a save of ``changes`` answered ``payload``: what it
    sent, with what the server normalised, is its new base, at the new revision."""
    values = {**changes, **payload["normalised"]}
    return Card(
        card.save_url, {**card.shows, **values}, {**card.sends, **values, "revision": payload["revision"]}
    )


def as_shown(value) -> object:
    """A value as the page and the JSON answers can both be compared in: ids and dates as text,
    a link list sorted, nothing as ""."""
    if isinstance(value, list):
        return sorted(str(v) for v in value)
    return "" if value is None else str(value)


# --- The cards and the table of fields --------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of card: how to make one and where its page and save endpoint are. ``text`` is a text
    field of the same form the other editor changes."""

    make: Callable[[SimpleNamespace], object]
    page: Callable[[SimpleNamespace, object], str]
    save: Callable[[SimpleNamespace, object], str]
    text: str


def _entry(page: str, save: str, material: str = "team") -> dict:
    return {
        "page": lambda w, _: material_url(page, getattr(w, material)),
        "save": lambda w, row: material_url(save, getattr(w, material), row.pk),
    }


def _meeting_card(page: str, save: str) -> dict:
    return {
        "page": lambda w, _: meeting_url(page, w.meeting),
        "save": lambda w, row: meeting_url(save, w.meeting, row.pk),
    }


KINDS = {
    "cause": Kind(
        make=lambda w: entry_services.cause_add(material=w.team, headline="原因"),
        text="headline",
        **_entry("causes", "cause_save"),
    ),
    # A member's material with a single problem: its link group is one checkbox.
    "cause of one problem": Kind(
        make=lambda w: entry_services.cause_add(material=w.personal, headline="原因"),
        text="headline",
        **_entry("causes", "cause_save", material="personal"),
    ),
    "measure": Kind(
        make=lambda w: entry_services.measure_add(material=w.team, headline="措施"),
        text="headline",
        **_entry("measures", "measure_save"),
    ),
    "problem": Kind(
        make=lambda w: entry_services.problem_add(material=w.team, aspect=w.aspects[0], headline="问题"),
        text="headline",
        **_entry("problems", "problem_save"),
    ),
    "meeting": Kind(
        make=lambda w: w.meeting,
        page=lambda w, _: meeting_url("info", w.meeting),
        save=lambda w, _: meeting_url("info_save", w.meeting),
        text="place",
    ),
    "solicitation": Kind(
        make=lambda w: meeting_services.solicitation_add(meeting=w.meeting, method="forum"),
        text="participants",
        **_meeting_card("preparation", "solicitation_save"),
    ),
    "opinion": Kind(
        make=lambda w: Opinion.objects.create(meeting=w.meeting, position=1, text="意见"),
        text="text",
        **_meeting_card("preparation", "opinion_save"),
    ),
}


@dataclass(frozen=True)
class Field:
    """Field ``name`` of a ``kind`` of card. ``values(w)`` gives, as the page shows them and from
    the ids of the world ``w``: the stored value, one editor's change and the other's (absent when
    the field has no third value)."""

    kind: str
    name: str
    values: Callable[[SimpleNamespace], tuple]


def _field(label: str, kind: str, name: str, values):
    return pytest.param(Field(kind, name, values), id=label)


FIELDS = [
    # Many-to-many link lists (checkbox groups).
    _field("cause links: none, then two", "cause", "problems", lambda w: ([], w.p[1:3], w.p[3:])),
    _field("cause links: two, then none", "cause", "problems", lambda w: (w.p[1:3], [], w.p[:1])),
    _field("cause links: one more", "cause", "problems", lambda w: (w.p[1:2], w.p[1:3], w.p[3:])),
    _field("cause links, one box: ticked", "cause of one problem", "problems", lambda w: ([], [w.alone])),
    _field("cause links, one box: unticked", "cause of one problem", "problems", lambda w: ([w.alone], [])),
    _field("measure's problems: none, then one", "measure", "problems", lambda w: ([], w.p[1:2], w.p[2:])),
    _field("measure's causes: two, then one", "measure", "causes", lambda w: (w.c, w.c[1:], [])),
    # A reverse foreign key merged like a link list: the opinions a problem claims (认领).
    _field("claims: none, then one", "problem", "claimed_opinions", lambda w: ([], w.o[:1], w.o[1:2])),
    _field("claims: two, then one", "problem", "claimed_opinions", lambda w: (w.o[:2], w.o[1:2], w.o[2:])),
    # Dates.
    _field("deadline: empty, then set", "measure", "deadline", lambda w: ("", "2031-06-30", "2031-07-01")),
    _field("deadline: set, then cleared", "measure", "deadline", lambda w: ("2031-06-30", "", "2031-07-01")),
    _field("deadline: moved", "measure", "deadline", lambda w: ("2031-06-30", "2031-09-01", "2031-07-01")),
    _field("meeting date: moved", "meeting", "date", lambda w: ("2031-01-05", "2031-01-10", "2031-01-12")),
    _field("meeting date: cleared", "meeting", "date", lambda w: ("2031-01-05", "", "2031-01-12")),
    _field("solicitation date: set", "solicitation", "date", lambda w: ("", "2030-12-01", "2030-12-02")),
    # Foreign keys (a select whose empty option is "").
    _field("measure owner: chosen", "measure", "owner", lambda w: ("", w.m[1], w.m[2])),
    _field("measure owner: cleared", "measure", "owner", lambda w: (w.m[1], "", w.m[2])),
    _field("meeting host: chosen", "meeting", "host", lambda w: ("", w.m[0], w.m[1])),
    _field("meeting host: changed", "meeting", "host", lambda w: (w.m[0], w.m[1], w.m[2])),
    _field("opinion's member: chosen", "opinion", "target_member", lambda w: ("", w.m[1], w.m[2])),
    _field("opinion's aspect: chosen", "opinion", "aspect", lambda w: ("", w.a[0], w.a[1])),
    # Choices (radios and selects).
    _field("measure kind", "measure", "kind", lambda w: ("deadline", "long_term", "immediate")),
    _field("problem source", "problem", "source", lambda w: ("self", "opinions", "supervision")),
    _field("cause category", "cause", "category", lambda w: ("other", "ideals", "conduct")),
    _field("solicitation method", "solicitation", "method", lambda w: ("forum", "form", "box")),
    # No boolean: the one autosaved checkbox, 出席 on 会议信息, saves without a revision (the last
    # click wins), so no page reaches the merge with a boolean.
]
# A group of one box has no third value: two editors cannot tick it differently.
CONFLICTING = [row for row in FIELDS if row.values[0].kind != "cause of one problem"]


@pytest.fixture
def world(team, problems, meeting, members, aspects, fill_problems):
    """Ids as the pages list them, which is not the order of the ids: a problem added last to the
    first aspect comes second, and the causes are reordered — the page posts its lists in that
    order while the database answers sorted."""
    late = entry_services.problem_add(material=team, aspect=aspects[0], headline="后加的问题")
    causes = [entry_services.cause_add(material=team, headline=f"原因{n}") for n in range(2)]
    entry_services.causes_reorder(material=team, ordered_ids=[causes[1].pk, causes[0].pk])
    personal = Material.objects.create(meeting=meeting, member=members[2])
    opinions = [
        Opinion.objects.create(meeting=meeting, position=10 + n, text=f"意见{n}", aspect=aspects[0])
        for n in range(3)
    ]
    return SimpleNamespace(
        meeting=meeting,
        team=team,
        personal=personal,
        aspects=aspects,
        alone=str(fill_problems(personal, 1)[0].pk),
        p=[str(problem.pk) for problem in [problems[0], late, problems[1], problems[2]]],
        c=[str(causes[1].pk), str(causes[0].pk)],
        m=[str(member.pk) for member in members],
        a=[str(aspect.pk) for aspect in aspects],
        o=[str(opinion.pk) for opinion in opinions],
    )


@dataclass
class Scene:
    """One card of ``field.kind`` whose ``field`` holds its first value, and the field's values."""

    client: object
    world: SimpleNamespace
    field: Field

    def __post_init__(self):
        kind = KINDS[self.field.kind]
        self.row = kind.make(self.world)
        self.text = kind.text
        self.before, self.after, *self.other = self.field.values(self.world)
        status, payload = autosave(self.client, self.open(), **{self.field.name: self.before})
        assert status == 200, payload

    def open(self) -> Card:
        kind = KINDS[self.field.kind]
        return open_card(self.client, kind.page(self.world, self.row), kind.save(self.world, self.row))

    def stored(self) -> tuple:
        """What a freshly opened page shows: the field, the text field and the revision."""
        card = self.open()
        shown = card.shows[self.field.name]
        if isinstance(self.before, list) and not isinstance(shown, list):
            shown = [shown] if shown else []  # a group of one box shows "" or its value
        return as_shown(shown), card.shows[self.text], card.revision


# Both editors open the same page; A saves first, B's page is then stale.


@pytest.mark.parametrize("field", FIELDS)
def test_a_stale_save_changing_this_field_keeps_what_the_other_editor_changed(editor, world, field):
    scene = Scene(editor, world, field)
    page = scene.open()
    assert autosave(editor, page, **{scene.text: "甲改的"})[0] == 200

    status, payload = autosave(editor, page, **{field.name: scene.after})

    assert status == 200, payload
    assert scene.stored() == (as_shown(scene.after), "甲改的", page.revision + 2)
    assert payload["normalised"][scene.text] == "甲改的"  # B's page is told


@pytest.mark.parametrize("field", FIELDS)
def test_a_stale_save_not_touching_this_field_does_not_wipe_the_other_editors_change(editor, world, field):
    scene = Scene(editor, world, field)
    page = scene.open()
    assert autosave(editor, page, **{field.name: scene.after})[0] == 200

    status, payload = autosave(editor, page, **{scene.text: "乙改的"})

    assert status == 200, payload
    assert scene.stored() == (as_shown(scene.after), "乙改的", page.revision + 2)
    assert as_shown(payload["normalised"][field.name]) == as_shown(scene.after)  # B's page is told


@pytest.mark.parametrize("field", CONFLICTING)
def test_both_editors_changing_this_field_differently_is_a_conflict_with_both_values(editor, world, field):
    scene = Scene(editor, world, field)
    page = scene.open()
    assert autosave(editor, page, **{field.name: scene.after})[0] == 200

    status, payload = autosave(editor, page, **{field.name: scene.other[0], scene.text: "乙改的"})

    assert status == 409, payload
    conflict = payload["conflict"]
    assert set(conflict["fields"]) == {field.name}
    both = conflict["fields"][field.name]
    assert (as_shown(both["mine"]), as_shown(both["theirs"])) == (
        as_shown(scene.other[0]),
        as_shown(scene.after),
    )
    assert conflict["revision"] == page.revision + 1
    # Nothing of the refused save is written, not even the text that alone would have merged.
    assert scene.stored() == (as_shown(scene.after), page.shows[scene.text], page.revision + 1)


# --- Fields a page does not show ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, group",
    [
        pytest.param("measure", "causes", id="a measure's causes, on a page without causes"),
        pytest.param("cause", "problems", id="a cause's problems, on a page without problems"),
    ],
)
def test_a_page_without_a_link_group_never_wipes_the_links_made_since(editor, meeting, members, kind, group):
    """A card offers a link group only when there is something to link: A's page, loaded before
    anything existed, has no such checkboxes and so posts none. Links B makes meanwhile are not
    A's to undo, neither by A's stale save nor by A's next one."""
    material = Material.objects.create(meeting=meeting, member=members[0])
    aspect = meeting.outline.aspects.first()
    if kind == "measure":
        entry_services.problem_add(material=material, aspect=aspect, headline="已有问题")
        row = entry_services.measure_add(material=material, headline="措施")
    else:
        row = entry_services.cause_add(material=material, headline="原因")
    page_url = material_url(f"{kind}s", material)
    save_url = material_url(f"{kind}_save", material, row.pk)
    page = open_card(editor, page_url, save_url)
    assert group not in page.shows

    if group == "causes":
        target = entry_services.cause_add(material=material, headline="后加的原因")
    else:
        target = entry_services.problem_add(material=material, aspect=aspect, headline="后加的问题")
    theirs = open_card(editor, page_url, save_url)
    assert autosave(editor, theirs, **{group: [str(target.pk)]})[0] == 200

    status, payload = autosave(editor, page, headline="甲改的")
    assert status == 200, payload
    assert list(getattr(type(row).objects.get(pk=row.pk), group).all()) == [target]
    # A's page goes on saving at the revision it was given, still without the checkboxes.
    assert autosave(editor, saved(page, payload, headline="甲改的"), headline="甲又改的")[0] == 200
    stored = type(row).objects.get(pk=row.pk)
    assert (stored.headline, list(getattr(stored, group).all())) == ("甲又改的", [target])


# --- Text fields left blank ---------------------------------------------------------------------------


def test_spaces_left_in_an_empty_field_still_read_as_empty_when_merging(editor, world):
    """Spaces typed into an empty text field are stored as nothing, but the page keeps them as
    what it shows and sends them as its base. Text the other editor writes there afterwards is
    their change alone, not a collision with B's spaces."""
    problem = entry_services.problem_add(material=world.team, aspect=world.aspects[0], headline="问题")
    page_url, save_url = (
        material_url("problems", world.team),
        material_url("problem_save", world.team, problem.pk),
    )
    b = open_card(editor, page_url, save_url)
    status, payload = autosave(editor, b, elaboration="  ")
    assert status == 200 and "elaboration" not in payload["normalised"]
    b = saved(b, payload, elaboration="  ")
    assert autosave(editor, open_card(editor, page_url, save_url), elaboration="甲写的")[0] == 200

    status, payload = autosave(editor, b, headline="乙改的")

    assert status == 200, payload
    problem.refresh_from_db()
    assert (problem.headline, problem.elaboration) == ("乙改的", "甲写的")


def test_a_page_opened_between_a_delete_and_its_undo_keeps_the_restored_links(editor, world, problems):
    team = world.team
    cause = entry_services.cause_add(material=team, headline="原因", problems=problems[:2])
    status, deleted = post_json(editor, material_url("problem_delete", team, problems[1].pk))
    assert status == 200
    page_url, save_url = material_url("causes", team), material_url("cause_save", team, cause.pk)
    stale = open_card(editor, page_url, save_url)  # shows no box for the deleted problem
    undo = deleted["undo"]
    assert post_json(editor, undo["url"], {"token": undo["token"]})[0] == 200

    status, payload = autosave(editor, stale, headline="改写的原因")
    assert status == 200, payload
    cause.refresh_from_db()
    assert cause.headline == "改写的原因"
    assert set(cause.problems.values_list("pk", flat=True)) == {problems[0].pk, problems[1].pk}
