"""A filled meeting (tests/exports) with two personal materials, and zip helpers."""

import io
import zipfile

import pytest
from django.urls import reverse

from apps.entries import services as entries
from apps.entries.models import Material
from apps.meetings.models import Meeting
from tests.exports.conftest import filled_meeting  # noqa: F401 (fixture)


@pytest.fixture
def bundle_meeting(filled_meeting: Meeting, unit, settings, tmp_path) -> Meeting:  # noqa: F811
    """filled_meeting (孙委员's personal material) plus 钱副书记's; files stored under tmp_path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    qian = unit.members.get(position=2)
    personal = Material.objects.create(meeting=filled_meeting, member=qian, preamble="我查找了差距。")
    aspect = filled_meeting.outline.aspects.order_by("position").first()
    entries.problem_add(material=personal, aspect=aspect, headline="钱副书记的问题", elaboration="具体。")
    return filled_meeting


def request_bundle(client, meeting: Meeting, capture) -> int:
    """POST 导出全部材料 as the page's form does, running what is queued on commit (immediate Huey:
    the build itself); returns the job's id from the redirect."""
    with capture(execute=True):
        response = client.post(reverse("bundles:request", args=[meeting.pk]))
    assert response.status_code == 302, response
    return int(response["Location"].rstrip("/").split("/")[-1])


def open_zip(content: bytes) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.testzip() is None
    return archive
