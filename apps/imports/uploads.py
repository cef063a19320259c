"""Receiving an upload without ever holding more of it than the import can use."""

from io import BytesIO

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from apps.imports.reading import MAX_UPLOAD_BYTES


class SizeLimitedUploadHandler(FileUploadHandler):
    """Keep an uploaded file in memory up to MAX_UPLOAD_BYTES; past it, only count its bytes.

    Django's default handlers would write a 20 MB upload to a temporary file before the form could
    refuse it. Here nothing past the limit is kept, and the file still reports its full size, so
    the form says how large it was (UploadForm.clean_file) instead of failing on a cut file.
    """

    def __init__(self, request=None, limit: int = MAX_UPLOAD_BYTES):
        super().__init__(request)
        self.limit = limit

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = BytesIO()
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received <= self.limit:
            self.buffer.write(raw_data)
        return None  # consumed: no later handler sees the chunk

    def file_complete(self, file_size):
        if file_size > self.limit:
            self.buffer = BytesIO()  # too large: the form refuses it by its size alone
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
