"""Every number that tunes anchoring, named once.

Creation (`locate`) uses none of them beyond CONTEXT: it looks for what the user
selected, exactly or with whitespace ignored. Carrying through the edit (`carry`)
uses the first group; the quote-and-context search (`search`, `choose`), which is
for highlights without a previous text or orphaned ones, the second.
"""

# Characters of context stored on each side of a quote (W3C TextQuoteSelector).
CONTEXT = 32

# --- Carrying a highlight through the edit ---------------------------------------------
# A run of equal tokens between two changes is kept only if it is longer than the change
# on either side (else it is a coincidence, such as "the" in two unrelated sentences).
# Runs of at least KEEP_EQUAL tokens are kept however large the changes around them.
KEEP_EQUAL = 4
# A deleted block and an inserted block are the same text moved when they share at least
# MOVE_MIN_TOKENS tokens in order, and that many make up at least MOVE_SHARE of the
# smaller of the two. Only runs of MOVE_RUN equal tokens or more are carried along.
MOVE_MIN_TOKENS = 6
MOVE_SHARE = 0.5
MOVE_RUN = 3
# Shorter blocks (a heading, a list item) count as moved when deleted in one place and
# inserted unchanged in another, at least MOVE_RUN_SHORT tokens, each found once.
MOVE_RUN_SHORT = 2
# Word n-grams used to find which inserted block a deleted block may have gone to.
MOVE_GRAM = 3
# A highlight carried through the edit is orphaned when the text it lands on differs from
# the quote the user highlighted more than a light edit does: in more than MAX_REWRITE of its
# characters (light edits change at most a tenth), unless by one word inserted, removed or
# replaced that is at most ONE_WORD_REWRITE of them (a short passage). Judged against the
# quote as highlighted, so that small edits over many saves cannot drift it away.
MAX_REWRITE = 0.15
ONE_WORD_REWRITE = 0.25
# A passage the old text held twice, one copy gone, stays where the alignment put it only if
# the context there agrees better with its own than with the copy's; contexts are compared
# beyond the stretch (at most COPY_CONTEXT characters either side) around the two copies
# that is the same.
COPY_CONTEXT = 2000
# Where that copy is gone, the context at the new place fits it if it agrees better with the
# copy's than with the passage's own on either side, at least this well (unrelated
# 32-character English windows score about 0.1-0.35).
COPY_SIDE_FLOOR = 0.6
# A passage carried onto text that the new text holds again elsewhere is orphaned if the
# context agrees better at one of those copies (only the first COMMON_COPIES are looked at).
COMMON_COPIES = 64
# A passage cut by the edit into parts that went different ways (a move across it) is
# where most of it went, if that part holds at least SPLIT_SHARE of what survived; the
# place is then doubtful, and the quote-and-context search must not put it elsewhere.
SPLIT_SHARE = 0.8
# A passage whose first (last) words the edit changed while it brought text in beside them
# begins (ends) with the part of the new text that reads as those words edited, in at most
# CHANGED_EDGE_EDITS of their characters (or one): "month." made "mnoth.", not "morning".
CHANGED_EDGE_EDITS = 0.5
# Inside a stretch the edit changed, a word of at least NEAR_WORD characters edited in at most
# CHANGED_EDGE_EDITS of them stayed as its new form; in stretches of more than NEAR_STRETCH
# tokens only words unchanged are looked for.
NEAR_WORD = 4
NEAR_STRETCH = 400
# A passage whose edge stands inside a stretch the edit changed (a link's words replaced by
# others) is mapped into it word for word where as many words replaced as many, else by its
# words that stayed there; when more than this share of the passage is a guess (its words there
# that no new word reads as, or that words the edit brought in may stand for; where none reads
# as them, their share of the words put in their place, if longer), it is orphaned.
UNCERTAIN_SHARE = 0.1

# --- The quote-and-context search --------------------------------------------------------
# A candidate is taken only if all of these hold (else the highlight is orphaned):
# 1. It resembles the quote: at most this share of the quote's characters edited
#    (none for quotes under SHORT_QUOTE characters, one for quotes under SHORT_QUOTE * 2).
MAX_QUOTE_EDITS = 0.15
SHORT_QUOTE = 10
# 2. It stands where the passage stood: the context agrees this well on one side
#    (unrelated 32-character English windows score about 0.1-0.35)...
CONTEXT_FLOOR = 0.6
#    ...and, further than NEIGHBOURHOOD characters from its old place, on both sides.
NEIGHBOURHOOD = 512
#    A quote of LONG_QUOTE characters or more, nearly unchanged (POSITION_QUOTE_FLOOR),
#    needs one side only wherever it is: a moved paragraph keeps the context inside it.
LONG_QUOTE = 64
POSITION_QUOTE_FLOOR = 0.95
#    Or, with no context left, a nearly unchanged quote of POSITION_MIN_LENGTH characters
#    or more sits within POSITION_SLACK characters of its old place.
POSITION_MIN_LENGTH = 32
POSITION_SLACK = 64
#    Or the selector carries no context and no position (a quote imported from a service
#    that keeps only the quote): the quote, of CONTEXTLESS_MIN_LENGTH characters or more,
#    occurs exactly once in the text.
CONTEXTLESS_MIN_LENGTH = 20
# 3. Each edge is pinned by the context on that side (EDGE_CONTEXT_FLOOR) or by the
#    quote's first (last) EDGE_CHARS found exactly there; near its old place a quote of
#    POSITION_MIN_LENGTH or more, NEAR_EDGE_QUOTE_FLOOR alike, may have edges held by
#    context agreeing only CONTEXT_FLOOR well.
EDGE_CHARS = 6
EDGE_CONTEXT_FLOOR = 0.75
NEAR_EDGE_QUOTE_FLOOR = 0.9
# 4. Its weighted score reaches MIN_SCORE; the score also ranks the acceptable candidates.
MIN_SCORE = 0.62
WEIGHTS = {"quote": 0.45, "prefix": 0.2, "suffix": 0.2, "position": 0.15}
# Two candidates apart from each other that resemble the passage within this margin
# (quote and context, position left out) can be told apart only by position.
RIVAL_MARGIN = 0.05
# How many characters an approximate match's edges may move to agree with the context.
EDGE_REACH = 12
# At most this many q-grams of a quote are looked up to find where it might be; a q-gram
# found more than COMMON_GRAM times says nothing.
MAX_SEEDS = 48
COMMON_GRAM = 64
# At most this many places of a quote of nothing but invisible characters are looked at.
COMMON_INVISIBLE = 64
# Quotes longer than this are aligned by their first and last EDGE_PATTERN characters
# (the bit-parallel alignment costs O(window * quote length)).
LONG_ALIGNMENT = 1000
EDGE_PATTERN = 256
