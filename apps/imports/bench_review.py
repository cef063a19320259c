"""The review page's step of ``manage.py bench_imports`` (issue 9: renders in under 0.3 s).

Times GET of the review page of the bench's 20-page draft through Django's test client (routing,
access checks, queries, validation and template: everything but the network). The first call, the
command's warm-up, keeps the parsed proposal as a pending import of a drafter of the bench unit.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from apps.accounts.models import UnitRole
from apps.imports.parsing import propose
from apps.imports.pending import pending_import_create
from apps.imports.reading import read_upload

TARGET_REVIEW = 0.3
LABEL = "核对页面（20 页 DOCX 的识别结果）"


def review_step(context) -> int:
    """One render of the review page; ``context`` is bench_imports' BenchContext."""
    client, address = getattr(context, "review_page", None) or _prepare(context)
    response = client.get(address)
    if response.status_code != 200:
        raise RuntimeError(f"核对页面返回 {response.status_code}")
    return len(response.content)


def _prepare(context) -> tuple[Client, str]:
    meeting = context.meeting
    proposal = context.proposal or propose(
        read_upload(context.file_name, context.data), meeting, personal=False
    )
    material = meeting.materials.get(member__isnull=True)
    user = get_user_model().objects.create_user(username="bench-import-review")
    UnitRole.objects.create(user=user, unit=meeting.unit, role=UnitRole.Role.DRAFTER)
    pending = pending_import_create(
        material=material, user=user, source_name=context.file_name, source_kind="docx", proposal=proposal
    )
    client = Client()
    client.force_login(user)
    context.review_page = (client, reverse("imports:review", args=[meeting.pk, material.pk, pending.pk]))
    return context.review_page
