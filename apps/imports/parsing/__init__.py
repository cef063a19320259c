"""Lines of a draft to a :class:`~apps.imports.proposal.Proposal` (contract; the real implementation
replaces this body)."""

from apps.imports.proposal import Proposal


def propose(lines: list[str], meeting, *, personal: bool) -> Proposal:
    """Recognise the structure of ``lines`` against ``meeting``'s outline. Never raises for text it
    does not understand: such text lands in ``Proposal.unplaced``; a source that is not a comparison
    material at all (a 情况报告, another language) gets ``kind`` set and a warning."""
    raise NotImplementedError
