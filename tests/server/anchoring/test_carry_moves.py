"""Carrying highlights across text the edit moved: which block moved where, and a passage
whose own lines changed places."""

from server.anchoring import anchor_many, describe
from server.anchoring.carry import Edit
from tests.server.anchoring.test_carry import ARTICLE, carried, span_of


def test_a_short_copy_of_a_deleted_paragraphs_opening_moved_whole_is_what_moved():
    # The paragraph deleted and its short copy moved read more simply as that than as the
    # paragraph's opening moved away from the rest of it and the copy deleted.
    opening = "In a closed-door session, the engineers showed how"
    paragraph = (f"{opening} the river defences could be raised along the whole of the eastern bank "
                 "before the first storms of the winter arrive.")
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], paragraph, blocks[1], opening, blocks[2], blocks[3]])
    new = "\n\n".join([blocks[0], blocks[1], blocks[2], opening, blocks[3]])
    edit = Edit(old, new)
    in_paragraph, in_copy = (edit.old.doc.text.index(opening, at) for at in (0, len(blocks[0]) + 10))
    place = edit.new.doc.text.index(opening)

    def carried_to(at: int) -> list[int]:
        return [edit.new.starts[target] for start, target in zip(edit.old.starts, edit.target, strict=True)
                if at <= start < at + len(opening) and target != -1]

    assert carried_to(in_paragraph) == []
    assert carried_to(in_copy) == [start for start in edit.new.starts if place <= start < place + len(opening)]
    # Which of the old text's two copies of those words is left is still a guess for a passage
    # of nothing but them.
    copy = describe(old, *span_of(old, opening, occurrence=1))
    assert anchor_many(new, [copy], old) == [None]


def test_a_passage_whose_own_lines_swapped_places_keeps_them_all():
    # The line of many short words stays in order and the line of long words moves before it;
    # most of the passage's characters kept their order either way, and the line the edit kept
    # in place, found inside the passage, is the passage's own text, not text from elsewhere.
    lines = ["Members of the public filled the hall", "Yes, no, a, b, c, d, e.",
             "Extraordinarily comprehensive infrastructure", "The clerk kept the minutes"]
    swapped = [lines[0], lines[2], lines[1], lines[3]]
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([*blocks[:2], *lines, *blocks[2:]])
    new = "\n\n".join([*blocks[:2], *swapped, *blocks[2:]])
    passage = old[10:-10]
    assert carried(old, new, passage) == (10, len(new) - 10)
    # A line from elsewhere moved in between its lines still leaves which part is the passage unclear.
    elsewhere = "\n\n".join([blocks[0], *lines[:2], blocks[1], *lines[2:], *blocks[2:]])
    assert carried(old, elsewhere, passage) is None


def test_a_moved_passage_whose_last_sentence_alone_the_edit_brought_in_elsewhere_is_orphaned():
    # The notice deleted here and inserted whole further on reads as moved there; but its first
    # sentence deleted and its second moved, the whole notice inserted, reads as well.
    notice = "This article is part of our continuing coverage. Follow us on social media for updates."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], notice, blocks[1], blocks[2], blocks[3]])
    new = "\n\n".join([blocks[0], blocks[1], notice.split(". ")[1], blocks[2], notice, blocks[3]])
    assert carried(old, new, notice) is None


def test_a_quotation_closed_by_two_marks_ends_its_sentence_when_what_follows_moves():
    # "?’”" ends the quoted sentence: "she said." moved before it is a sentence of its own gone
    # its way, not part of the passage's sentence, which the passage holds whole.
    quote = "“They asked me every day, ‘Will the bridge reopen before the winter storms?’”"
    old = ARTICLE.replace("close.", f"close. {quote} she said. Work begins soon.")
    new = ARTICLE.replace("close.", f"close. she said. {quote} Work begins soon.")
    assert carried(old, new, quote) == span_of(new, quote)


def test_a_table_moved_away_from_a_heading_that_repeats_its_first_words_moves_whole():
    # "1. Northgate" opens the table's first row and heads the section after it. The table moved
    # and the section lost its first sentence: the alignment keeps the table's "1. Northgate"
    # in place, and the table reads as brought in with a copy of it. The whitespace says the
    # words kept are the heading's (a paragraph of their own), and the table moved whole.
    blocks = ARTICLE.split("\n\n")
    table = ("1. Northgate | Founded: 2020 | Specialty: bridges and river works | Rating: 4.9\n"
             "2. Eastbank | Founded: 2018 | Specialty: roads and drainage | Rating: 4.7\n"
             "3. Millers | Founded: 2022 | Specialty: public libraries | Rating: 4.4")
    heading, first = "1. Northgate", "First on our list is Northgate, a firm with deep roots in the region."
    rest = "Its engineers rebuilt the old ferry landing in a single season."
    old = "\n\n".join([blocks[0], "The firms we cover:", table, heading, f"{first} {rest}", blocks[1],
                       "Why trust us?", blocks[2]])
    new = "\n\n".join([blocks[0], "The firms we cover:", heading, rest, blocks[1], "Why trust us?", table, blocks[2]])
    for passage in ["| Founded: 2018 |", "1. Northgate | Founded: 2020"]:
        assert carried(old, new, passage) == span_of(new, passage)
    # Its first row's words were no longer the heading's: a passage ending in them is not carried onto the heading.
    assert carried(old, new, "The firms we cover:\n\n1. Northgate") is None


def test_a_paragraph_moved_away_from_a_sentence_brought_in_before_the_next_carries_its_passages():
    # The sentence brought in ends with a full stop, which the alignment keeps in place as the
    # moved paragraph's last: a mark alone is no part of its sentence gone its own way.
    blocks = ARTICLE.split("\n\n")
    inserted = "Crews worked through the night to clear the flooded road near the old mill."
    new = "\n\n".join([f"{inserted} {blocks[1]}", blocks[2], blocks[3], blocks[0]])
    for passage in ["met on Tuesday to discuss the new budget", "discuss the new budget"]:
        assert carried(ARTICLE, new, passage) == span_of(new, passage)
