"""What a user types into the search box, parsed into a small safe tree.

Nothing the user types reaches the database as query syntax: words are cut
out with one regular expression (runs of letters and digits, as both FTS5's
unicode61 tokenizer and PostgreSQL's parser see them), then written back into
FTS5 or tsquery syntax by us, quoted. So any input gives a valid expression.

Syntax understood: words (all must match), "quoted phrases", prefix* words,
-excluded words or "phrases", and OR between two items (`a b OR c` is
`a AND (b OR c)`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WORD_RE = re.compile(r"[^\W_]+")
# A quoted phrase (closing quote optional), or a run of non-space characters.
ITEM_RE = re.compile(r'(-?)"([^"]*)"?(\*?)|(\S+)')
MAX_CLAUSES = 12
MAX_PHRASE_WORDS = 16
MAX_WORD_CHARS = 100


@dataclass(frozen=True)
class Clause:
    """One word, or a phrase of words that must follow each other."""

    words: tuple[str, ...]
    prefix: bool = False  # the last word matches as a prefix


@dataclass(frozen=True)
class SearchQuery:
    """All of `groups` must match (each group: any of its clauses), none of `excluded`."""

    groups: tuple[tuple[Clause, ...], ...]
    excluded: tuple[Clause, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.groups

    @property
    def clauses(self) -> list[Clause]:
        return [c for group in self.groups for c in group]


def _clause(raw: str, prefix: bool) -> Clause | None:
    words = tuple(w.lower()[:MAX_WORD_CHARS] for w in WORD_RE.findall(raw))[:MAX_PHRASE_WORDS]
    return Clause(words, prefix) if words else None


def parse(text: str) -> SearchQuery:
    """The query in `text`; an input with no words gives an empty query."""
    groups: list[list[Clause]] = []
    excluded: list[Clause] = []
    join_next = False
    for match in ITEM_RE.finditer(text or ""):
        neg, quoted, star, bare = match.groups()
        if bare is not None:
            if bare == "OR":
                join_next = bool(groups)
                continue
            neg = "-" if bare.startswith("-") and len(bare) > 1 else ""
            bare = bare[1:] if neg else bare
            star = "*" if bare.endswith("*") else ""
            quoted = bare
        clause = _clause(quoted, prefix=bool(star))
        if clause is None:
            continue
        if neg:
            excluded.append(clause)
        elif join_next:
            groups[-1].append(clause)
        else:
            groups.append([clause])
        join_next = False
        if len(groups) + len(excluded) >= MAX_CLAUSES:
            break
    return SearchQuery(tuple(tuple(g) for g in groups), tuple(excluded))


# ---- FTS5 ---------------------------------------------------------------------------

def _fts5_clause(clause: Clause) -> str:
    # Double quotes make FTS5 read the words as a phrase; they can hold no quote.
    return '"' + " ".join(clause.words) + '"' + (" *" if clause.prefix else "")


def to_fts5(query: SearchQuery) -> str:
    """An FTS5 expression (without column filters) for a non-empty query."""
    groups = ["(" + " OR ".join(_fts5_clause(c) for c in group) + ")" for group in query.groups]
    expr = "(" + " AND ".join(groups) + ")"
    if query.excluded:
        expr += " NOT (" + " OR ".join(_fts5_clause(c) for c in query.excluded) + ")"
    return expr


# ---- PostgreSQL tsquery -------------------------------------------------------------

def _tsquery_clause(clause: Clause) -> str:
    # Quoted lexemes hold only letters and digits, so no quote or operator gets in.
    parts = [f"'{w}'" for w in clause.words]
    if clause.prefix:
        parts[-1] += ":*"
    return "(" + " <-> ".join(parts) + ")"


def to_tsquery_text(query: SearchQuery) -> str:
    """Input for to_tsquery(config, ...): the config then stems each word."""
    groups = ["(" + " | ".join(_tsquery_clause(c) for c in group) + ")" for group in query.groups]
    expr = " & ".join(groups)
    if query.excluded:
        expr = f"({expr}) & !(" + " | ".join(_tsquery_clause(c) for c in query.excluded) + ")"
    return expr
