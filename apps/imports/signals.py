"""Sent after an import was written into a material (inside the transaction that wrote it).
Arguments: material, user (None from the command), result (the CommitResult). The copy index listens
(apps/checks/receivers.py) and queues its refresh on commit."""

from django.dispatch import Signal

import_committed = Signal()
