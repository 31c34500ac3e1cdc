"""The truth the re-anchoring bench scores against: where a passage's characters went."""
from __future__ import annotations

import re

from bench.anchoring import truth_of
from bench.anchoring_edits import TrackedText


def test_a_word_moved_back_inside_a_passage_does_not_cut_away_the_part_before_it():
    old = "Intro. In his case nobody knew the cause. Time for Dr. Sherlock. At first he was treated. End."
    passage = "In his case nobody knew the cause. Time for Dr. Sherlock. At first he was treated."
    start = old.index(passage)
    doc = TrackedText(old)
    word = old.index("Sherlock. ")
    doc.move(word, word + len("Sherlock. "), old.index("Time for"))
    new = doc.text()
    assert "cause. Sherlock. Time for Dr. At first" in new
    # Most of the passage kept its order around the one word moved: it is all still there.
    assert doc.span_of(start, start + len(passage)) == (start, start + len(passage))


def test_a_passage_cut_by_a_move_is_where_most_of_it_went():
    old = "First part of the passage here. Second. " + "Other text follows on and on. " * 3
    doc = TrackedText(old)
    doc.move(old.index("Second. "), old.index("Other"), len(old))
    new = doc.text()
    assert new.startswith("First part of the passage here. Other")
    assert doc.span_of(0, old.index("Other")) == (0, len("First part of the passage here. "))


def test_two_letters_swapped_at_the_edge_of_a_passage_stay_inside_it():
    old = "A word here."
    doc = TrackedText(old)
    doc.replace(2, 4, "ow", [doc.origins[3], doc.origins[2]])
    assert doc.text() == "A owrd here."
    assert doc.span_of(2, 6) == (2, 6)


def test_whitespace_of_a_passage_left_behind_by_the_deletion_of_its_first_words_is_not_where_it_is():
    old = "Intro here. Hanoi in 1967.\n\nLater, in remarks, Esper said no. End."
    passage = "Hanoi in 1967.\n\nLater, in remarks, Esper said no."
    start = old.index(passage)
    doc = TrackedText(old)
    doc.delete(start, start + len("Hanoi in 1967."))
    later = doc.text().index("Later")
    doc.insert(later, "Another sentence came in. ")
    new = doc.text()
    assert "Intro here. \n\nAnother sentence came in. Later" in new
    # The paragraph break that stayed is no part of where the passage is: the words are.
    at = new.index("Later")
    assert doc.span_of(start, start + len(passage)) == (at, at + len("Later, in remarks, Esper said no."))
    # Nothing but whitespace of it left, it is gone.
    doc.delete(at, at + len("Later, in remarks, Esper said no."))
    assert doc.span_of(start, start + len(passage)) is None


BOILERPLATE = "Subscribe today for the full story."


def _page(middle: str) -> str:
    before = "".join(f"Opening sentence number {n} of the article. " for n in range(8))
    after = "".join(f"Closing sentence number {n} of the article. " for n in range(8))
    return f"{before}\n\n{middle}\n\n{after}"


def test_a_passage_cut_and_put_back_word_for_word_where_it_was_is_there():
    old = _page(BOILERPLATE)
    start = old.index(BOILERPLATE)
    end = start + len(BOILERPLATE)
    doc = TrackedText(old)
    doc.delete(start, end)
    doc.insert(start, BOILERPLATE)
    new = doc.text()
    assert new == old and doc.span_of(start, end) is None  # the characters' record calls it gone
    assert truth_of(doc, old, new, start, end) == ((start, end), None, "light")


def test_a_paragraph_cut_with_the_same_paragraph_put_back_elsewhere_is_deleted_or_moved():
    # In one save, the texts are those a move leaves: orphaned or on the copy, either is right.
    old = _page(BOILERPLATE)
    start = old.index(BOILERPLATE)
    end = start + len(BOILERPLATE)
    doc = TrackedText(old)
    doc.delete(start, end)
    doc.insert(len(doc.text()), "\n\n" + BOILERPLATE)  # same words, other text around them
    new = doc.text()
    assert new.endswith(BOILERPLATE)
    copy = (len(new) - len(BOILERPLATE), len(new))
    assert truth_of(doc, old, new, start, end) == (None, copy, "deleted or moved")
    assert truth_of(doc, old, new, start + 4, end - 4) == (None, (copy[0] + 4, copy[1] - 4), "deleted or moved")
    # Over several saves the copy may have stood there, with its own neighbours, before the cut.
    assert truth_of(doc, old, new, start, end, one_save=False) == (None, None, "deleted")


def test_a_sentence_cut_from_its_paragraph_and_put_in_elsewhere_as_a_paragraph_is_deleted_or_moved():
    # Cut here and the same sentence put in there, as a paragraph of its own: the text a move
    # of that sentence leaves, so a passage in it is gone or where the copy stands.
    sentence = "In turn, you can use the breath to help gain greater awareness of the body."
    old = _page(f"Develop your awareness of breath. {sentence} The practice will prepare you.")
    passage = "you can use the breath to"
    start = old.index(passage)
    doc = TrackedText(old)
    doc.delete(old.index(sentence), old.index(sentence) + len(sentence) + 1)
    doc.insert(len(doc.text()), "\n\n" + sentence)
    new = doc.text()
    copy = (new.index(passage), new.index(passage) + len(passage))
    assert truth_of(doc, old, new, start, start + len(passage)) == (None, copy, "deleted or moved")
    # Put in with a word more, it is another sentence: the passage is deleted.
    doc = TrackedText(old)
    doc.delete(old.index(sentence), old.index(sentence) + len(sentence) + 1)
    doc.insert(len(doc.text()), "\n\n" + sentence.replace("In turn", "And in turn"))
    assert truth_of(doc, old, doc.text(), start, start + len(passage)) == (None, None, "deleted")


def test_a_passage_cut_with_its_words_put_back_in_another_paragraph_is_deleted():
    old = _page(BOILERPLATE)
    start = old.index(BOILERPLATE)
    end = start + len(BOILERPLATE)
    doc = TrackedText(old)
    doc.delete(start, end)
    doc.insert(len(doc.text()), " " + BOILERPLATE)  # same words, inside the last paragraph
    new = doc.text()
    assert new.endswith(BOILERPLATE)
    assert truth_of(doc, old, new, start, end) == (None, None, "deleted")
    # nor where the paragraph put back differs from the one cut, however little
    doc = TrackedText(old)
    doc.delete(start, end)
    doc.insert(len(doc.text()), "\n\n" + BOILERPLATE[:-1])
    assert truth_of(doc, old, doc.text(), start, end) == (None, None, "deleted")


def test_a_passage_whose_own_lines_changed_places_is_all_of_them():
    old = "Intro line.\n\nFirst item of it\n\nSecond item of it, longer\n\nOutro line."
    passage = "First item of it\n\nSecond item of it, longer"
    start = old.index(passage)
    doc = TrackedText(old)
    second = old.index("Second")
    doc.move(second, old.index("Outro"), start)  # the second item, with its break, before the first
    new = doc.text()
    assert new == "Intro line.\n\nSecond item of it, longer\n\nFirst item of it\n\nOutro line."
    # Nothing but its own text and a break stands between its lines: it is all of them.
    found = doc.span_of(start, start + len(passage))
    assert found is not None and found[0] == new.index("Second")
    assert new[found[0] : found[1]].rstrip() == "Second item of it, longer\n\nFirst item of it"


def test_a_passage_whose_lines_other_text_now_parts_is_where_most_of_it_went():
    old = "Intro line.\n\nFirst item\n\nSecond item of it, longer\n\nOutro line."
    passage = "First item\n\nSecond item of it, longer"
    start = old.index(passage)
    doc = TrackedText(old)
    doc.move(old.index("Second"), old.index("Outro"), 0)  # the second item before the intro
    new = doc.text()
    assert new.startswith("Second item of it, longer\n\nIntro line.\n\nFirst item")
    assert doc.span_of(start, start + len(passage)) == (0, len("Second item of it, longer"))


def test_a_passage_cut_by_a_move_ends_where_its_visible_characters_do():
    # A sentence from before it moved in between its words and its own paragraph break, and its
    # last word moved far away: the part that stays ends with its last visible character, not
    # with its break after the sentence moved in.
    other = "Other text from elsewhere, longer than the passage itself by far. " * 2
    old = f"Intro. Moved sentence here. Copyrights are owned by the board.\n\nAdvertisement\n\n{other}"
    passage = "Copyrights are owned by the board.\n\nAdvertisement"
    start = old.index(passage)
    doc = TrackedText(old)
    doc.move(old.index("Moved"), start, old.index("\n\nAdvertisement"))
    at = doc.text().index("Advertisement")
    doc.move(at, at + len("Advertisement"), len(old))
    new = doc.text()
    assert new.startswith("Intro. Copyrights are owned by the board.Moved sentence here. \n\n\n\nOther")
    found = doc.span_of(start, start + len(passage))
    assert found is not None and new[found[0] : found[1]] == "Copyrights are owned by the board."


def test_one_of_two_identical_paragraphs_in_a_row_moved_away_may_be_either():
    # Which of the two moved, no reader of the new text can tell: the first copy is where it
    # stood under one reading and where the moved paragraph went under the other.
    old = _page(f"{BOILERPLATE}\n\n{BOILERPLATE}")
    first = old.index(BOILERPLATE)
    second = old.index(BOILERPLATE, first + 1)
    doc = TrackedText(old)
    doc.move(first, second, len(old))
    doc.insert(len(doc.text()) - len(BOILERPLATE) - 2, "\n\n")  # it ends the text now, as a paragraph
    new = doc.text()
    moved = (new.rindex(BOILERPLATE), len(new) - 2)
    stayed = (new.index(BOILERPLATE), new.index(BOILERPLATE) + len(BOILERPLATE))
    assert moved != stayed and new[slice(*moved)] == new[slice(*stayed)] == BOILERPLATE
    truth, also, kind = truth_of(doc, old, new, first, first + len(BOILERPLATE))
    assert {truth, also} == {moved, stayed} and kind == "light"


def test_copies_in_a_run_of_three_reordered_among_themselves_may_each_be_where_they_stood():
    # The text is as it was: each copy is where it stood under one reading, and the first
    # reading (the moved one's) does not undo the other (its old neighbour, a copy too).
    copy = "Continue reading the main story"
    old = _page("\n\n".join([copy] * 3))
    places = [m.start() for m in re.finditer(copy, old)]
    doc = TrackedText(old)
    doc.move(places[2], places[2] + len(copy) + 2, places[1])
    new = doc.text()
    assert new == old
    for at in places:
        truth, also, _ = truth_of(doc, old, new, at, at + len(copy))
        assert (at, at + len(copy)) in (truth, also)


def test_a_block_moved_where_the_text_before_it_ends_alike_may_have_slid_along_it():
    # "Aug." ends a sentence for the edit, so the sentence moved is "4 -- ... OH\nAug. ": put
    # before "2 -- ...", it may as well be "\nAug. 4 -- ... OH" put after "IN": which "Aug. "
    # stands before "2 --" no reader can tell, and a passage across the line break is either.
    old = "Noblesville, IN\nAug. 2 -- Clarkston, MI\nAug. 4 -- Cincinnati, OH\nAug. 6 -- Tinley Park, IL"
    passage = "IN\nAug. 2 --"
    start = old.index(passage)
    doc = TrackedText(old)
    doc.move(old.index("4 --"), old.index("6 --"), old.index("2 --"))
    new = doc.text()
    assert new == "Noblesville, IN\nAug. 4 -- Cincinnati, OH\nAug. 2 -- Clarkston, MI\nAug. 6 -- Tinley Park, IL"
    truth, also, _ = truth_of(doc, old, new, start, start + len(passage))
    assert truth is not None and also is not None
    assert {new[slice(*truth)], new[slice(*also)]} == {"IN\nAug.", "Aug. 2 --"}  # no edge whitespace


def test_a_copy_put_in_before_a_run_of_copies_may_be_the_last_of_them():
    # Three copies of a notice, and a fourth put in before them: whichever of the four is the
    # new one, the text reads the same, so a passage on the second copy is the second or the
    # third now (the new one put in after it, or before it).
    old = _page("\n\n".join([BOILERPLATE] * 3))
    second = old.index(BOILERPLATE, old.index(BOILERPLATE) + 1)
    doc = TrackedText(old)
    doc.insert(old.index(BOILERPLATE), BOILERPLATE + "\n\n")
    new = doc.text()
    copies = [m.start() for m in re.finditer(re.escape(BOILERPLATE), new)]
    assert len(copies) == 4
    truth, also, kind = truth_of(doc, old, new, second, second + len(BOILERPLATE))
    assert {truth, also} == {(at, at + len(BOILERPLATE)) for at in copies[1:3]} and kind == "light"


def test_a_list_item_put_in_before_another_may_have_taken_the_next_ones_bullet():
    # "- Two\n\n" put in before "- Three" leaves the text "Two\n\n- " put in after "- One\n\n-"
    # would: a passage ending on the bullet after "One" is either the new item's or the next's.
    old = "- One\n\n- Three\n\n- Four"
    passage = "- One\n\n-"
    doc = TrackedText(old)
    doc.insert(old.index("- Three"), "- Two\n\n")
    new = doc.text()
    assert new == "- One\n\n- Two\n\n- Three\n\n- Four"
    truth, also, _ = truth_of(doc, old, new, 0, len(passage))
    assert {truth, also} == {(0, len(passage)), (0, new.index("- Three") + 1)}


def test_a_paragraph_cut_and_put_back_before_one_beginning_alike_is_still_deleted_or_moved():
    # The copy put in before a paragraph that begins with the same word may have slid along it
    # ("Our" ... before "Our"), which gives its first letters old origins under the other
    # reading; the copy is still text the edit brought in, and either answer is right.
    copy = "Our journalism depends on readers like you."
    old = _page(copy) + "\n\nOur readers write in every week."
    start = old.index(copy)
    doc = TrackedText(old)
    doc.delete(start, start + len(copy) + 2)
    at = doc.text().index("Our readers")
    doc.insert(at, copy + "\n\n")
    new = doc.text()
    assert new.index(copy) == at
    assert truth_of(doc, old, new, start, start + len(copy)) == (None, (at, at + len(copy)), "deleted or moved")


def test_one_of_two_identical_paragraphs_in_a_row_deleted_is_deleted_or_on_the_one_left():
    # Which of the two the edit took away, no reader of the new text can tell: a passage on the
    # first is gone under one reading and is the one left under the other, so orphaned or
    # placed on it, either is right.
    old = _page(f"{BOILERPLATE}\n\n{BOILERPLATE}")
    first = old.index(BOILERPLATE)
    doc = TrackedText(old)
    doc.delete(first, first + len(BOILERPLATE) + 2)
    new = doc.text()
    left = (new.index(BOILERPLATE), new.index(BOILERPLATE) + len(BOILERPLATE))
    assert new.count(BOILERPLATE) == 1
    assert truth_of(doc, old, new, first, first + len(BOILERPLATE)) == (None, left, "deleted or moved")


def test_a_paragraph_cut_and_put_back_where_it_was_beside_another_edit_is_there():
    # The cut paragraph inserted again between the same neighbours, and a sentence put in a few
    # words further on: the window of text around it is no longer the same, its neighbours are.
    old = _page(BOILERPLATE)
    start = old.index(BOILERPLATE)
    end = start + len(BOILERPLATE)
    doc = TrackedText(old)
    doc.delete(start, end + 2)
    doc.insert(start, BOILERPLATE + "\n\n")
    doc.insert(start + len(BOILERPLATE) + 30, "A sentence put in. ")
    new = doc.text()
    assert doc.span_of(start, end) is None and new[start:end] == BOILERPLATE
    assert truth_of(doc, old, new, start, end) == ((start, end), None, "light")
    # Not where the text put in there is other than what was cut: a sentence with its words.
    doc = TrackedText(old)
    doc.delete(start, end + 2)
    doc.insert(start, f"Then: {BOILERPLATE}\n\n")
    doc.insert(start + len(BOILERPLATE) + 36, "A sentence put in. ")
    assert truth_of(doc, old, doc.text(), start, end) == (None, None, "deleted")


def test_a_paragraph_cut_with_the_same_put_in_elsewhere_its_quotes_made_curly_is_deleted_or_moved():
    notice = "Sign up for the day's top stories."
    old = _page(notice)
    start = old.index(notice)
    doc = TrackedText(old)
    doc.delete(start, start + len(notice) + 2)
    doc.insert(0, notice.replace("'", "’") + "\n\n")
    copy = (0, len(notice))
    assert truth_of(doc, old, doc.text(), start, start + len(notice)) == (None, copy, "deleted or moved")


def test_a_spaced_hyphen_made_a_dash_keeps_the_hyphen_in_the_passage_it_ends():
    old = _page("Powered by renewable energy.\n- Using more products that last.")
    start = old.index("renewable")
    end = old.index("- Using") + 1
    doc = TrackedText(old)
    at = old.index("- Using")
    doc.insert(at, "very ")
    doc.replace_keeping(at + 4, at + 7, "—")  # "very - Using" made "very—Using"
    new = doc.text()
    assert "energy.\nvery—Using" in new
    truth, _, _ = truth_of(doc, old, new, start, end)
    assert truth == (start, new.index("—") + 1)


def test_a_paragraph_cut_before_the_same_paragraph_its_break_left_is_deleted_or_on_the_one_left():
    # "X\n\nX" with the first X cut and its break left: a reader sees one X either way.
    old = _page(f"{BOILERPLATE}\n\n{BOILERPLATE}")
    first = old.index(BOILERPLATE)
    doc = TrackedText(old)
    doc.delete(first, first + len(BOILERPLATE))
    new = doc.text()
    left = (new.index(BOILERPLATE), new.index(BOILERPLATE) + len(BOILERPLATE))
    assert new.count(BOILERPLATE) == 1 and "\n\n\n\n" in new
    assert truth_of(doc, old, new, first, first + len(BOILERPLATE)) == (None, left, "deleted or moved")
    # A passage across both copies is, under that reading, the one left with what follows it.
    end = old.index("Closing sentence number 0") + len("Closing")
    truth, _, _ = truth_of(doc, old, new, first, end)
    assert truth is not None and truth[0] <= left[0] and not new[truth[0] : left[0]].strip()  # or its break
    assert truth[1] == new.index("Closing sentence number 0") + len("Closing")


def test_one_of_two_identical_paragraphs_cut_after_the_other_was_given_a_typo_is_deleted_or_on_the_one_left():
    # "X\n\nX", a letter of the first X dropped, then the second cut: cutting the first and giving
    # the second the typo reads the same, so a passage on the second is gone or on the one left.
    # (The second, where not the same, ends otherwise: ending alike, the cut may have slid along
    # its last words, as `test_a_sentence_cut_before_one_beginning_alike_...` reads a cut.)
    passage = "for the full"
    for second_text, kind in ((BOILERPLATE, "deleted or moved"), ("Subscribe now for the full report!", "deleted")):
        old = _page(f"{BOILERPLATE}\n\n{second_text}")
        first = old.index(BOILERPLATE)
        second = old.index(second_text, first + 1)
        doc = TrackedText(old)
        typo = first + BOILERPLATE.index("today") + 1
        doc.replace(typo, typo + 1, "")
        doc.delete(second - 2, second + len(second_text))  # its break before it, and it
        new = doc.text()
        assert "tday" in new and new.count(passage) == 1
        left = new.index(passage)
        start = second + second_text.index(passage)
        expected = (left, left + len(passage)) if kind == "deleted or moved" else None
        # Where the two were not the same paragraph in the original text, the cut one is deleted.
        assert truth_of(doc, old, new, start, start + len(passage)) == (None, expected, kind)


def test_a_dash_made_a_spaced_hyphen_is_the_hyphen_not_the_spaces_around_it():
    # "—" made " - ": the three characters take the dash's origin, but a passage that was the dash
    # alone is where the hyphen is; the spaces around it are not part of it.
    old = "It was over.\n\n—\n\nSo what did we learn?"
    at = old.index("—")
    doc = TrackedText(old)
    doc.replace_keeping(at, at + 1, " - ")
    new = doc.text()
    truth, _, _ = truth_of(doc, old, new, at, at + 1)
    assert truth is not None and new[slice(*truth)] == "-"


def test_a_paragraph_edited_then_put_in_again_as_it_was_beside_it_may_be_the_one_put_in():
    # "X" made "X'" (its second sentence rewritten), then "X" put in before it: the original kept
    # and "X'" put in after it reads the same, so a passage on X is either.
    first_sentence = BOILERPLATE.split(" for")[0]
    old = _page(BOILERPLATE)
    at = old.index(BOILERPLATE)
    doc = TrackedText(old)
    doc.replace_keeping(at + len(first_sentence), at + len(BOILERPLATE), " was suffering")
    doc.insert(at, f"{BOILERPLATE}\n\n")
    new = doc.text()
    assert new.count(BOILERPLATE) == 1 and f"{first_sentence} was suffering" in new
    truth, also, kind = truth_of(doc, old, new, at, at + len(BOILERPLATE))
    edited = new.index(f"{first_sentence} was")
    assert truth == (at, at + len(BOILERPLATE)) and also is not None and also[0] == edited and kind == "light"
    # Put in as something else, it is new text and the edited one the passage.
    doc = TrackedText(old)
    doc.replace_keeping(at + len(first_sentence), at + len(BOILERPLATE), " was suffering")
    doc.insert(at, "Donate today for the full story.\n\n")
    truth, also, _ = truth_of(doc, old, doc.text(), at, at + len(BOILERPLATE))
    assert also is None and truth is not None and truth[0] > at


def test_a_passage_cut_by_text_put_in_longer_than_itself_is_where_most_of_it_went():
    # "... by the end of 2025.\n\nThe A350 order" with a long paragraph put in before its last
    # three words: those words now stand far off, past text that is not the passage's; the
    # passage is its larger part, not the whole stretch with the paragraph put in.
    lead = "Clark in October revealed lofty plans to expand the fleet by 30% by the end of 2025."
    inserted = "Three people have died during protests against the interim government. " * 3
    old = _page(f"{lead}\n\nThe A350 order was signed.")
    start = old.index(lead)
    end = old.index(" was signed")
    doc = TrackedText(old)
    doc.insert(old.index("The A350"), f"{inserted}\n\n")
    new = doc.text()
    found = doc.span_of(start, end)
    assert found is not None and new[found[0] : found[1]] == lead
    # Put in shorter than the passage, it is inside it.
    doc = TrackedText(old)
    doc.insert(old.index("The A350"), "Boeing also signed.\n\n")
    found = doc.span_of(start, end)
    assert found is not None and doc.text()[found[0] : found[1]].endswith("The A350 order")


def test_a_sentence_cut_before_one_beginning_alike_may_have_left_its_first_word():
    # "The SCS-SF is a 12-item survey. " cut before "The items are rated": the text left is
    # the same as if "SCS-SF is a 12-item survey. The " had been cut, so a passage ending on the
    # cut sentence's "The" still ends on the "The" left, under the other reading.
    old = _page("It uses the Short Form [61]. The SCS-SF is a 12-item survey. The items are rated.")
    passage = "Short Form [61]. The"
    start = old.index(passage)
    cut = old.index("The SCS-SF")
    doc = TrackedText(old)
    doc.delete(cut, old.index("The items"))
    new = doc.text()
    assert "[61]. The items are rated." in new
    truth, also, kind = truth_of(doc, old, new, start, start + len(passage))
    assert truth is not None and new[slice(*truth)] == passage and kind == "light"
    assert also is not None and new[slice(*also)] == "Short Form [61]."
    # Moved away rather than cut (to beside its near-copy at the top), the same: the "The" left
    # may be the moved sentence's, and the moved sentence's the one of the sentence after.
    doc = TrackedText(old)
    doc.move(cut, old.index("The items"), 0)
    new = doc.text()
    assert new.startswith("The SCS-SF is a 12-item survey. Opening") and "[61]. The items are rated." in new
    truth, also, kind = truth_of(doc, old, new, start, start + len(passage))
    assert truth is not None and new[slice(*truth)] == passage and kind == "light"
    # Cut before a sentence that begins otherwise, the word went with it.
    doc = TrackedText(old)
    doc.delete(cut, old.index("The items") - 1)
    doc.replace(doc.text().index(" The items"), doc.text().index(" The items") + 4, " A")
    new = doc.text()
    truth, also, _ = truth_of(doc, old, new, start, start + len(passage))
    assert truth is not None and new[slice(*truth)] == "Short Form [61]." and also is None


def test_a_cut_slides_along_whole_words_only():
    # "But it may grow, they say.\n\n" cut after "markets.\n\n" leaves the text a cut of
    # ".\n\nBut it may grow, they say" would, and the text "s.\n\nBut ... sa" would too; "s." is
    # no part of "say", so the other reading keeps only the mark and the break.
    old = _page("It calmed markets.\n\nBut it may grow, they say.\n\nChina's ministry said so.")
    passage = "say.\n\nChina's ministry"
    start = old.index(passage)
    doc = TrackedText(old)
    doc.delete(old.index("But it"), old.index("China's"))
    new = doc.text()
    truth, also, _ = truth_of(doc, old, new, start, start + len(passage))
    assert truth is not None and also is not None
    assert {new[slice(*truth)], new[slice(*also)]} == {"China's ministry", ".\n\nChina's ministry"}
