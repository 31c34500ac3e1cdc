"""server/limits.py: text no column can hold."""
from __future__ import annotations

import pytest

from server.limits import forbidden_text


@pytest.mark.parametrize(("value", "forbidden"), [
    ("", False),
    ("plain ASCII", False),
    ("accents é and emoji \U0001F600", False),
    ("a NUL \x00 in ASCII", True),
    ("a NUL \x00 beside é", True),
    ("a lone high surrogate \ud800", True),
    ("a lone low surrogate \udfff in the middle", True),
    ("a pair written as two code points \ud83d\ude00", True),
    ("the last character before the surrogates \ud7ff and the first after \ue000", False),
])
def test_forbidden_text_is_nul_or_surrogate(value, forbidden):
    assert forbidden_text(value) is forbidden
