from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts import access
from apps.entries.models import Material
from apps.meetings import selectors, services
from apps.meetings.forms import CommentForm, MeetingCreateForm
from apps.units.models import Member


@require_GET
@login_required
def dashboard(request):
    # Only the units the user works in: an organisation department reads its subtree (hundreds of
    # units) through the 统计看板 linked from this page instead.
    units = list(selectors.dashboard_units(access.worked_units(request.user)))
    _mark_what_the_user_writes(request.user, units)
    context = {"units": units, "can_create": access.editable_units(request.user).exists()}
    return render(request, "meetings/dashboard.html", context)


def _mark_what_the_user_writes(user, units) -> None:
    """Give each listed meeting what the user may write in it: ``can_write`` (the team material,
    a drafter) or ``own_member`` (only their own personal material, a member); readers get
    neither, so no button leads them to 没有权限 or a read-only page. A fixed number of queries."""
    own = {member.unit_id: member for member in Member.objects.filter(user=user)}
    for unit in units:
        member = own.get(unit.pk)
        for meeting in unit.meetings.all():
            meeting.can_write = access.can_edit_meeting(user, meeting)
            mine = member is not None and access.can_edit_material(
                user, Material(meeting=meeting, member=member)
            )
            meeting.own_member = member if mine and not meeting.can_write else None


@require_GET
@login_required
def unit_detail(request, pk: int):
    unit = access.get_unit_for_user(request.user, pk)
    context = {
        "unit": unit,
        "members": unit.members.select_related("user").order_by("position"),
        "meetings": unit.meetings.select_related("outline"),
        # The units just below that the user may read (an organisation department reads them all).
        "children": access.visible_units(request.user).filter(parent=unit).order_by("name"),
        "can_create": access.can_create_meeting_in(request.user, unit),
    }
    return render(request, "meetings/unit_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def meeting_create(request):
    units = access.editable_units(request.user)
    if not units.exists():
        raise PermissionDenied("您没有在任何单位创建会议的权限。")
    form = MeetingCreateForm(request.POST or None, units=units, initial={"unit": request.GET.get("unit")})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已创建“{meeting.title}”。")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/meeting_create.html", {"form": form})


@require_GET
@login_required
def meeting_detail(request, pk: int):
    return _detail_page(request, access.get_meeting_for_user(request.user, pk))


def _detail_page(request, meeting, comment_form: CommentForm | None = None, status: int = 200):
    material = selectors.team_material(meeting)
    context = {
        "meeting": meeting,
        "material": material,
        "problems_by_aspect": selectors.problems_by_aspect(meeting, material),
        "attendance": selectors.meeting_attendance(meeting),
        "preparation": selectors.preparation_summary(meeting),
        "comments": meeting.comments.select_related("author"),
        "comment_form": comment_form or CommentForm(),
        "can_edit": access.can_edit_meeting(request.user, meeting),
        "can_comment": access.can_comment(request.user, meeting),
        "personal_rows": _personal_rows(request.user, meeting),
    }
    return render(request, "meetings/meeting_detail.html", context, status=status)


def _personal_rows(user, meeting) -> list[dict]:
    """Each current member with their personal material (if started) and what the user may do."""
    materials = {m.member_id: m for m in meeting.materials.personal()}
    rows = []
    for member in selectors.meeting_members(meeting):
        material = materials.get(member.pk) or Material(meeting=meeting, member=member)
        material.meeting, material.member = meeting, member
        rows.append(
            {
                "member": member,
                "material": material if material.pk else None,
                "can_view": access.can_view_material(user, material),
                "can_edit": access.can_edit_material(user, material),
            }
        )
    return rows


@require_POST
@login_required
def comment_create(request, pk: int):
    meeting = access.get_meeting_for_user(request.user, pk)
    if not access.can_comment(request.user, meeting):
        raise PermissionDenied(access.comment_refused_reason(meeting))
    form = CommentForm(request.POST)
    if not form.is_valid():
        # The page again with the typed text and the message on the field: a redirect would lose it.
        messages.error(request, "意见未提交：" + "；".join(form.errors.get("body", [])))
        return _detail_page(request, meeting, comment_form=form, status=422)
    services.comment_create(meeting=meeting, author=request.user, body=form.cleaned_data["body"])
    messages.success(request, "意见已提交。")
    return redirect("meetings:detail", pk=meeting.pk)
