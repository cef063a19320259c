"""Sent after every review transition (submit, return, approve, reopen): the history snapshots the
material, notifications tell the people concerned. Arguments: material, transition (a Transition
row of apps.review.models), user."""

from django.dispatch import Signal

material_transitioned = Signal()
