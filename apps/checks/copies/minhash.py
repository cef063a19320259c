"""Paragraph signatures: MinHash (datasketch) over character 3-grams of the text without spaces and
punctuation, so that re-punctuating or changing a few words keeps most shingles; and the LSH band
keys of a signature, laid out as datasketch's MinHashLSH lays them for the same threshold."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64  # 64 hash values: a Jaccard estimate within ±0.06, 256 bytes a paragraph
SHINGLE = 3  # character 3-grams: Chinese words are 1–4 characters, 3 keeps word order
THRESHOLD = 0.5  # Jaccard at which two paragraphs become candidates (LSH picks bands and rows for it)
MIN_PARAGRAPH = 30  # shorter lines (headlines, 一要… items) repeat by nature: not compared

_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=17)
_LSH = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
BANDS: list[tuple[int, int]] = list(_LSH.hashranges)  # 14 bands of 4 rows for these settings

_SKIP = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The text the shingles are taken from: no spaces, no punctuation, full-width folded."""
    folded = unicodedata.normalize("NFKC", _SKIP.sub("", text))
    return "".join(char for char in folded if not unicodedata.category(char).startswith("P"))


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def signature(text: str) -> np.ndarray:
    """NUM_PERM uint32 MinHash values of the text's shingles."""
    norm = normalise(text)
    shingles = [norm[i : i + SHINGLE].encode() for i in range(max(1, len(norm) - SHINGLE + 1))]
    minhash = MinHash(num_perm=NUM_PERM, permutations=_TEMPLATE.permutations, scheme=_TEMPLATE.scheme)
    minhash.update_batch(shingles)
    return minhash.hashvalues.astype(np.uint32)


def band_keys(values: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (the band number is part of the key, so equal values in
    different bands never meet)."""
    keys = []
    for number, (start, end) in enumerate(BANDS):
        digest = hashlib.blake2b(values[start:end].tobytes(), digest_size=8, person=bytes([number]) * 16)
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return keys


def to_bytes(values: np.ndarray) -> bytes:
    return values.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<u4")


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / NUM_PERM


@dataclass
class Paragraph:
    """A line of a text long enough to compare, and where it starts in that text."""

    text: str
    offset: int


def paragraphs(text: str) -> list[Paragraph]:
    found, offset = [], 0
    for line in (text or "").split("\n"):
        if len(normalise(line)) >= MIN_PARAGRAPH:
            found.append(Paragraph(line, offset))
        offset += len(line) + 1
    return found
