"""Writing comments: a new thread on an anchor, a reply, resolving and reopening. Permissions are
checked by the views (apps.comments.rules); these validate, save and tell the people concerned."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import UnitRole
from apps.entries.models import Material
from apps.notifications.services import notify

from . import rules
from .anchors import Target, label
from .models import MaterialComment

User = get_user_model()


def _validated(comment: MaterialComment) -> MaterialComment:
    # full_clean reports an empty or over-long body on ``body`` (never cut: the caller keeps the text).
    comment.full_clean(exclude=["material", "author", "parent", "resolved_by"])
    comment.save()
    return comment


def thread_url(comment: MaterialComment) -> str:
    material = comment.material
    return reverse("comments:list", args=[material.meeting_id, material.pk]) + f"#comment-{comment.pk}"


@transaction.atomic
def comment_create(*, material: Material, author, target: Target, body: str) -> MaterialComment:
    comment = _validated(
        MaterialComment(
            material=material,
            anchor_kind=target.kind,
            anchor_id=target.id,
            anchor_field=target.field,
            excerpt=target.excerpt,
            author=author,
            body=body,
            as_supervisor=rules.is_supervisor(author, material),
            material_revision=material.revision,
            entry_revision=target.entry_revision,
        )
    )
    readers = [user for user in material_writers(material) if user.pk != author.pk]
    transaction.on_commit(
        lambda: notify(
            readers,
            text=f"{author_name(author)}对{label(comment)}提出了意见",
            url=thread_url(comment),
            kind="comment",
        )
    )
    return comment


@transaction.atomic
def comment_reply(*, parent: MaterialComment, author, body: str) -> MaterialComment:
    """A reply joins the thread of ``parent`` (one level: a reply to a reply answers its root)."""
    root = parent.parent or parent
    reply = _validated(
        MaterialComment(
            material=root.material,
            anchor_kind=root.anchor_kind,
            anchor_id=root.anchor_id,
            anchor_field=root.anchor_field,
            excerpt=root.excerpt,
            parent=root,
            author=author,
            body=body,
            as_supervisor=rules.is_supervisor(author, root.material),
            material_revision=root.material.revision,
            entry_revision=root.entry_revision,
        )
    )
    participants = {root.author_id, *root.replies.values_list("author_id", flat=True)} - {author.pk}
    people = list(User.objects.filter(pk__in=participants))
    transaction.on_commit(
        lambda: notify(
            people,
            text=f"{author_name(author)}回复了关于{label(root)}的意见",
            url=thread_url(reply),
            kind="reply",
        )
    )
    return reply


def comment_resolve(*, comment: MaterialComment, user) -> MaterialComment:
    root = comment.parent or comment
    if root.resolved_at is None:
        root.resolved_at, root.resolved_by = timezone.now(), user
        root.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    return root


def comment_reopen(*, comment: MaterialComment, user) -> MaterialComment:
    root = comment.parent or comment
    root.resolved_at, root.resolved_by = None, None
    root.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    return root


def material_writers(material: Material) -> list:
    """Who writes ``material``: the unit's drafters, and the member for a personal material."""
    unit_id = material.meeting.unit_id
    writers = User.objects.filter(
        is_active=True, unit_roles__unit_id=unit_id, unit_roles__role=UnitRole.Role.DRAFTER
    )
    if material.member_id and material.member.user_id:
        writers = writers | User.objects.filter(pk=material.member.user_id, is_active=True)
    return list(writers.distinct())


def author_name(user) -> str:
    return user.get_full_name() or user.get_username()
