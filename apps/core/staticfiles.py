"""The static files storage of production (debug off): hashed names from the manifest, gzip copies.

WhiteNoise's storage also writes Brotli copies when the ``brotli`` module is importable (fontTools
pulls it in for WeasyPrint): at Brotli's top quality that cost ~100 s of CPU per collectstatic on a
2-core server (every `make serve`), for files some 15 % smaller that browsers accept over HTTPS only,
and which Debian's nginx cannot serve without an extra module. Gzip copies serve both WhiteNoise and
nginx (``gzip_static on``, deploy/reportbuilder.conf).
"""

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


class GzipManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs) -> Compressor:
        return Compressor(use_brotli=False, **kwargs)
