"""Sent after an import was written into a material (inside the transaction that wrote it).
Arguments: material, user, counts (problems, causes, measures). The copy index listens
(apps/checks/tasks.py) and queues its refresh on commit."""

from django.dispatch import Signal

import_committed = Signal()
