import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportbuilder.settings")
application = get_wsgi_application()


def _refuse_without_static_manifest() -> None:
    """Better a server that does not start, saying why, than one that answers every page with a 500."""
    from apps.core.checks import static_manifest_check

    for error in static_manifest_check():
        raise ImproperlyConfigured(f"{error.msg} {error.hint}")


_refuse_without_static_manifest()
