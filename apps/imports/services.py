"""Writing an import (contract; the real implementation replaces these bodies)."""

from dataclasses import dataclass

from apps.imports.proposal import Proposal

REPLACE = "replace"
APPEND = "append"


@dataclass
class CommitResult:
    problems: int
    causes: int
    measures: int
    kept_as_text: list[str]  # aspects the drafter left unmatched and text that was not placed


def validate(proposal: Proposal, material) -> dict[str, str]:
    """Problems that would stop the commit, keyed by path (``aspects.0.problems.2.headline``,
    ``causes.1.elaboration``, ``title`` …) with a Chinese message for the field."""
    raise NotImplementedError


def commit(*, proposal: Proposal, material, mode: str, user=None) -> CommitResult:
    """Write ``proposal`` into ``material`` in one transaction (``mode`` REPLACE: the material's
    entries and wording are replaced; APPEND: entries go after the existing ones and only empty
    wording is filled). Raises ValidationError keyed like :func:`validate`."""
    raise NotImplementedError
