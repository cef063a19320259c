"""Signals other rooms listen to without the meetings app knowing them."""

from django.dispatch import Signal

# Sent by ``seed_demo`` once the demo meeting exists, with ``meeting`` and ``progress``: a list of
# (measure, progress text, evidence description) for the measures already under way, which the
# 整改台账 (apps/ledger) turns into its progress notes.
demo_meeting_seeded = Signal()
