"""A job's zip leaves the storage with its row (expired, or its meeting deleted)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from apps.bundles.models import BundleJob


@receiver(post_delete, sender=BundleJob, dispatch_uid="bundles_remove_file")
def remove_file(sender, instance: BundleJob, **kwargs) -> None:
    # After the commit: a rolled-back delete must still find its file.
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
