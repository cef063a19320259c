"""The copy index's refresh queued after an import wrote a material (the imports app only sends
its signal; it knows nothing of the checks or the queue)."""

from django.db import transaction
from django.dispatch import receiver

from apps.checks.tasks import refresh_copy_index
from apps.imports.signals import import_committed


@receiver(import_committed, dispatch_uid="checks_copy_index_after_import")
def queue_refresh_after_import(sender, material, **kwargs) -> None:
    # After the commit: a worker that ran before it would index the material as it was.
    transaction.on_commit(refresh_copy_index)
