from dataclasses import dataclass

from django import template
from django.urls import reverse

from apps.accounts import access
from apps.exports.documents import DocumentRef, Kind
from apps.meetings.models import Meeting
from apps.units.models import Member

register = template.Library()


@dataclass(frozen=True)
class PersonalExport:
    name: str
    docx_url: str
    pdf_url: str


@register.simple_tag(takes_context=True)
def personal_exports(context: template.Context, meeting: Meeting) -> list[PersonalExport]:
    """The personal materials the current user may download, members in official order (1–2 queries)."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return []
    members = Member.objects.filter(materials__meeting=meeting).order_by("position").distinct()
    links = []
    for member in members:
        if access.can_view_personal_material(user, meeting, member):
            slug = DocumentRef(Kind.MEMBER, member.pk).slug
            urls = [reverse("exports:download", args=[meeting.pk, slug, fmt]) for fmt in ("docx", "pdf")]
            links.append(PersonalExport(member.name, *urls))
    return links
