"""Evidence in an S3-compatible object store, for real over HTTP: moto's S3 server on a loopback port
stands in for MinIO or a cloud's OSS, behind boto3 and django-storages, configured by the very
function the settings use when ``AWS_STORAGE_BUCKET_NAME`` is set. A file goes up with a progress
note, lies in the bucket under its random name only, and comes back through the download view."""

import socket
import urllib.request

import boto3
import pytest
from django.urls import reverse

from apps.ledger.models import Evidence, ProgressNote
from reportbuilder import settings as project_settings
from tests.ledger.measure_cast import *  # noqa: F403  (the cast's fixtures)
from tests.ledger.measure_cast import pdf_bytes, upload

server_module = pytest.importorskip("moto.server", reason="moto's S3 server (requirements.txt, tests)")

BUCKET, KEY, SECRET, REGION = "zhenggai", "rb-key", "rb-secret", "cn-north-1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3_bucket(settings, monkeypatch):
    port = _free_port()
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    # moto keeps its buckets per process: start every test from an empty store.
    reset = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")  # noqa: S310 (our http)
    urllib.request.urlopen(reset, timeout=10)  # noqa: S310
    environment = {
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_S3_ADDRESSING_STYLE": "path",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(project_settings, "AWS_STORAGE_BUCKET_NAME", BUCKET)
    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=KEY, aws_secret_access_key=SECRET, region_name=REGION
    )
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {**settings.STORAGES, "default": project_settings.default_storage_settings()}
    yield client
    server.stop()


def test_evidence_goes_into_the_bucket_and_downloads_back(client, measure, owner, s3_bucket):
    content = pdf_bytes()
    client.force_login(owner)
    response = client.post(
        reverse("ledger:note_add", args=[measure.pk]),
        {"noted_on": "2031-03-01", "text": "附上验收报告。", "files": [upload("验收报告.pdf", content)]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    item = measure.progress_notes.get().evidence.get()
    keys = [entry["Key"] for entry in s3_bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [item.file.name] and "验收报告" not in item.file.name  # a random name in the bucket
    assert s3_bucket.get_object(Bucket=BUCKET, Key=item.file.name)["Body"].read() == content

    download = client.get(reverse("ledger:evidence", args=[item.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Disposition"].endswith(
        "filename*=UTF-8''%E9%AA%8C%E6%94%B6%E6%8A%A5%E5%91%8A.pdf"
    )


def test_a_deleted_evidence_row_removes_its_object_from_the_bucket(
    measure, owner, s3_bucket, django_capture_on_commit_callbacks
):
    note = ProgressNote.objects.create(measure=measure, author=owner, text="有文件的进展。")
    item = Evidence(note=note, name="照片.pdf", kind="pdf", size=len(pdf_bytes()), uploaded_by=owner)
    item.file.save("x.pdf", upload("照片.pdf", pdf_bytes()), save=True)
    assert s3_bucket.list_objects_v2(Bucket=BUCKET)["KeyCount"] == 1
    with django_capture_on_commit_callbacks(execute=True):  # the object goes once the delete commits
        item.delete()
    assert s3_bucket.list_objects_v2(Bucket=BUCKET)["KeyCount"] == 0
