"""Telling people what waits for them (contract; the real implementation replaces this body): an
in-app notification (the bell in the top bar) and, when an SMTP server is configured, an e-mail."""

from collections.abc import Iterable


def notify(users: Iterable, *, text: str, url: str = "", kind: str = "") -> None:
    """One notification per distinct active user (``text`` in Chinese, ``url`` where to act)."""
