"""CJK-bigram tokens, the indexing of Lucene's CJKAnalyzer and Elasticsearch's ``cjk_bigram``.

Chinese has no spaces between words and no dictionary is needed to find a substring: each run of
Chinese characters is indexed as its overlapping bigrams (民主生活会 → 民主 主生 生活 活会, in order)
and, separately, as its single characters; Latin letters and digits are indexed as lower-cased
words. A query term of two or more characters is then the PHRASE of its consecutive bigrams (the
bigrams at consecutive positions, which is exactly a substring), a one-character term is a single
character, a Latin word a prefix. Both databases index the same two columns, which the app
computes (``index_columns``), so ``bulk_create`` fills them as well as ``save``.

The index only narrows the candidates: every term is then checked as an exact substring
(a term may span punctuation, "学习。生活", which the tokens do not see), so a hit is never false.
"""

import re
from dataclasses import dataclass

# CJK ideographs: 〇, Extension A, the Unified block, compatibility ideographs, Extensions B–G.
CJK_CHARS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUN = re.compile(f"([{CJK_CHARS}]+)|([0-9A-Za-z]+)")
# PostgreSQL does not index words over 2,047 bytes; a Latin token is cut well before (a query
# token is cut the same way, so a prefix still matches, and the substring check stays exact).
MAX_WORD = 60
MAX_TERMS = 8
MAX_TERM_CHARS = 60


@dataclass(frozen=True)
class Run:
    """A piece of a query term the index can look up: Chinese characters or a Latin word."""

    text: str
    chinese: bool

    @property
    def bigrams(self) -> list[str]:
        return [self.text[i : i + 2] for i in range(len(self.text) - 1)]


def runs(text: str) -> list[Run]:
    result = []
    for match in _RUN.finditer(text):
        chinese, latin = match.groups()
        result.append(Run(chinese, True) if chinese else Run(latin.lower()[:MAX_WORD], False))
    return result


def index_columns(text: str) -> tuple[str, str]:
    """(bigrams, unigrams): the two space-separated token columns of ``text``.

    Bigrams keep their order (phrase queries need positions), with the Latin words in place;
    unigrams are the distinct Chinese characters (a one-character query needs only presence, and
    ranking counts occurrences in the text itself)."""
    bigrams: list[str] = []
    unigrams: dict[str, None] = {}
    for run in runs(text):
        if run.chinese:
            bigrams += run.bigrams
            unigrams.update(dict.fromkeys(run.text))
        else:
            bigrams.append(run.text)
    return " ".join(bigrams), " ".join(unigrams)


@dataclass
class Query:
    terms: list[str]  # what is searched: each must occur in the text (case-insensitive for Latin)
    notice: str = ""  # in Chinese, when part of what was typed is not searched


def parse_query(query: str) -> Query:
    """Space-separated terms (full-width spaces too), each kept once, at most ``MAX_TERMS`` of at
    most ``MAX_TERM_CHARS`` characters; the notice says what was left out."""
    terms: list[str] = []
    cut = False
    for term in query.split():
        if len(term) > MAX_TERM_CHARS:
            term, cut = term[:MAX_TERM_CHARS], True
        if term.lower() not in (t.lower() for t in terms):
            terms.append(term)
    notices = []
    if cut:
        notices.append(f"每个词最多 {MAX_TERM_CHARS} 个字，超出部分未参与搜索")
    if len(terms) > MAX_TERMS:
        notices.append(f"最多按 {MAX_TERMS} 个词搜索，已忽略：{' '.join(terms[MAX_TERMS:])}")
        terms = terms[:MAX_TERMS]
    return Query(terms, "；".join(notices) + ("。" if notices else ""))
