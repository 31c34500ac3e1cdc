"""A page's language when it does not declare one: the language whose most frequent
function words its text uses most."""
from __future__ import annotations

import re
from collections import Counter

# The most frequent function words of a few languages: enough to tell them apart when a
# page does not declare its language.
STOPWORDS = {
    "en": {"the", "and", "of", "to", "is", "in", "that", "it", "was", "for", "with", "this", "are", "be"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "ein", "eine", "mit", "sich", "auf", "den", "dem", "zu"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "que", "pour", "qui", "pas", "du", "sur"},
    "es": {"el", "los", "las", "y", "que", "es", "del", "por", "una", "con", "para", "se", "como", "lo"},
    "it": {"il", "di", "che", "è", "della", "per", "una", "sono", "gli", "non", "con", "nel", "anche", "si"},
    "nl": {"de", "het", "een", "van", "en", "is", "niet", "dat", "op", "voor", "zijn", "met", "ook", "er"},
    "pt": {"o", "os", "as", "que", "não", "uma", "com", "para", "do", "da", "em", "se", "por", "mais"},
}
LANGUAGE_SAMPLE_WORDS = 400
WORD_TOKEN_RE = re.compile(r"\w+")


def guess_language(text: str) -> str | None:
    """The language whose function words are most frequent in the text, if clearly ahead."""
    words = [word.lower() for word in WORD_TOKEN_RE.findall(text[:4000])][:LANGUAGE_SAMPLE_WORDS]
    if len(words) < 8:
        return None
    said = Counter(words)  # (each language's words looked up, not each word in each language)
    counts = sorted(((sum(said[word] for word in stop), code) for code, stop in STOPWORDS.items()), reverse=True)
    (best, code), (runner_up, _) = counts[0], counts[1]
    return code if best >= max(3, len(words) // 20) and best > 1.5 * runner_up else None

