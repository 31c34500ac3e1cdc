"""Carrying highlights whose first or last word the edit changed in place while it brought
text in right beside that word: the passage ends (begins) after (before) the word's new form,
not after everything the edit put there."""

from server.anchoring.passage import closest_part
from tests.server.anchoring.test_carry import ARTICLE, carried, span_of

SENTENCE = ("Members argued for hours about the cost of road repairs along the river, and the mayor "
            "promised a decision before the end of the month.")


def test_a_full_stop_made_a_semicolon_before_a_clause_brought_in_ends_the_passage_there():
    new = ARTICLE.replace("end of the month.", "end of the month; a natural approach to the budget")
    assert carried(ARTICLE, new, SENTENCE) == span_of(new, SENTENCE[:-1] + ";")


def test_a_last_word_misspelt_before_a_heading_brought_in_ends_the_passage_on_that_word():
    new = ARTICLE.replace("the month.\n\nResidents", "the mnoth.\n\nBudget Talks Continue\n\nResidents")
    assert carried(ARTICLE, new, SENTENCE) == span_of(new, SENTENCE.replace("month", "mnoth"))


def test_a_first_word_lowered_after_a_clause_brought_in_begins_the_passage_on_that_word():
    passage = "Residents who attended the meeting said"
    new = ARTICLE.replace("Residents who", "It could easily replace a gym membership, residents who")
    assert carried(ARTICLE, new, passage) == span_of(new, passage.replace("R", "r"))


def test_a_last_word_replaced_by_unrelated_words_is_not_cut_to_a_look_alike():
    # "morning" is no edit of "month.": the words brought in are taken whole, and the passage is
    # rewritten beyond a light edit.
    new = ARTICLE.replace("month.", "morning talks resumed on the bridge")
    assert carried(ARTICLE, new, SENTENCE) is None


def test_the_part_standing_for_the_changed_words_is_not_a_look_alike_where_other_words_match_better():
    # "every" made "very every reportedly": "very" is one edit from "every", but the stretch
    # holds "every" itself further on, so nothing says where the passage ends: taken whole.
    text = "very every reportedly"
    starts, ends = [0, 5, 11], [4, 10, 21]
    assert closest_part("every", text, starts, ends, True) == 21
    assert closest_part("every", "evry. Budget Talks", [0, 4, 6, 13], [4, 5, 12, 18], True) == 4


def test_a_short_passage_ending_inside_words_replaced_by_as_many_others_is_orphaned():
    # A link's four words replaced by four others: word for word "cost" became "price", but
    # nothing says the new words stand for the old ones one by one, and the passage's end, a fifth
    # of it, is a guess.
    new = ARTICLE.replace("cost of road repairs", "price Social Media Marketer")
    assert carried(ARTICLE, new, "hours about the cost") is None
    # A long passage, whose end is a small part of it, is carried word for word.
    passage = "the coming year.\n\nMembers argued for hours about the cost"
    assert carried(ARTICLE, new, passage) == span_of(new, passage.replace("cost", "price"))


def test_a_passage_ending_in_the_first_word_of_a_paragraph_replaced_by_another_ends_before_it():
    # The paragraph "Residents ..." deleted and an unrelated one put in its place: the passage's
    # last word went with it, and nothing of the new paragraph stands for it, however short a
    # part of the passage it is (not a guess in proportion: "month.\n\nMotiv").
    passage = f"{SENTENCE}\n\nResidents"
    replaced = "Residents who attended the meeting said they were tired of waiting for the bridge to reopen."
    new = ARTICLE.replace(replaced, "Motivation: why the library plans a wing that everyone in town can use.")
    assert carried(ARTICLE, new, passage) == span_of(new, SENTENCE)


def test_a_passage_ending_in_a_paragraph_that_went_ends_on_its_words_that_stayed_edited():
    # "month" misspelt while the paragraph after it, whose first words the passage held, was
    # deleted: the word of the changed stretch that stayed ("mnoth") says where the passage
    # ends; the deleted words were a small part of it. (The full stop left is read as the
    # deleted paragraph's last.)
    passage = f"{SENTENCE}\n\nResidents who"
    new = ARTICLE.replace("month.\n\nResidents who attended the meeting said they were tired of waiting "
                          "for the bridge to reopen.", "mnoth.")
    assert carried(ARTICLE, new, passage) == span_of(new, SENTENCE.replace("month.", "mnoth"))


def test_a_sentence_inserted_again_right_after_itself_inside_a_passage_stands_beside_it():
    # The edit repeated the sentence's last words after them. Read as inserted after the old
    # copy, they stand inside the passage, which they would make another text; read as
    # inserted before it, as well, they stand outside, and the passage keeps its words.
    passage = "end of the month.\n\nResidents who"
    new = ARTICLE.replace("end of the month.\n\n", "end of the month.\n\nend of the month.\n\n")
    assert carried(ARTICLE, new, passage) == span_of(new, passage)


def test_a_short_passage_whose_last_word_was_changed_and_the_words_after_it_went_is_orphaned():
    # "bridge's reopening" made "brigde opening": the misspelt word stands where the passage
    # ended, but with the words after it gone it may as well be another word put there, and it
    # is a fifth of the passage. In a long passage such a word is a small part, and it is carried.
    old = ARTICLE.replace("for the bridge to reopen", "for the bridge's reopening")
    new = ARTICLE.replace("for the bridge to reopen", "for the brigde opening")
    assert carried(old, new, "tired of waiting for the bridge's") is None
    passage = "Residents who attended the meeting said they were tired of waiting for the bridge's"
    assert carried(old, new, passage) == span_of(new, passage.replace("bridge's", "brigde"))


def test_a_passages_last_word_deleted_beside_a_paragraph_brought_in_ends_the_passage_before_it():
    # Word for word the word could as well have been made into the paragraph; the passage that lost
    # a word is a light edit of it, the passage that gained the paragraph is not.
    passage = "Excel, Finance, and Investing Summer Program NYC"
    old = f"{ARTICLE}\n\n{passage}\n\nThis beginner-friendly course covers the basics."
    inserted = ("A good coaching platform allows trainers to create programs, assign them to clients, track "
                "everyone's progress from a single dashboard, and make adjustments when necessary.")
    new = old.replace("Program NYC", "Program\n\n" + inserted)
    assert carried(old, new, passage) == span_of(new, "Excel, Finance, and Investing Summer Program")


def test_a_sentence_moved_in_before_a_passages_last_word_cuts_that_word_away():
    old = ("We compare each service to help you make an informed decision.\n\nFull Service Catering\n\n"
           "If you want a complete experience, full service is the way to go. Full service includes everything "
           "from menu planning to bartending and clean-up.\n\n" + ARTICLE)
    passage = "informed decision.\n\nFull Service Catering\n\nIf"
    moved = "Full service includes everything from menu planning to bartending and clean-up."
    new = old.replace(" " + moved, "").replace("Catering\n\nIf", f"Catering\n\n{moved}\n\nIf")
    assert carried(old, new, passage) == span_of(new, "informed decision.\n\nFull Service Catering")
    # A sentence shorter than the passage moved in there does not cut it: the passage holds it,
    # which is more than a light edit of what was highlighted.
    short = "Menus vary with the season and the guests."
    old = old.replace("clean-up.", f"clean-up. {short}")
    new = old.replace(" " + short, "").replace("Catering\n\nIf", f"Catering\n\n{short}\n\nIf")
    assert carried(old, new, passage) is None


def test_a_passages_last_word_that_began_a_paragraph_before_too_is_not_cut_away():
    # Its last word began a paragraph in the old text as well: the paragraph brought in before it
    # took no word of it, and the word stands after it, misspelt. The passage now holds that
    # paragraph, more than a light edit of it, and is orphaned rather than cut to its first part.
    old = ARTICLE.replace("Residents who attended the meeting said",
                          "Residents said: “We’ve been waiting for years,” and")
    passage = "promised a decision before the end of the month.\n\nResidents"
    new = old.replace("\n\nResidents said: “We’ve been", "\n\nAdvertisement\n\nResidnets still new new")
    assert carried(old, new, passage) is None


def test_a_lost_last_word_standing_again_past_a_paragraph_brought_in_beside_the_passage_is_a_guess():
    # "8." went from the passage's end and stands again, with its heading, after the paragraph
    # the edit put right after the passage: the paragraph may as well stand inside it. Text
    # brought in does not set the lost edge further away than the passage's length of old text.
    old = ARTICLE.replace("month.\n\n", "month.\n\n8. Selfie\n\n") + "\n\nRated 8 of 10 by Selfie fans."
    inserted = ("Last spring, many students suddenly found themselves in online courses, and the change was "
                "bumpy for some of them and unexpected for all, as their teachers will tell anyone who asks.")
    new = old.replace("month.\n\n8. Selfie\n\nResidents who attended the meeting said they were tired of waiting "
                      "for the bridge to reopen.", f"month.\n\n{inserted}\n\n8. Selfie")
    assert carried(old, new, f"{SENTENCE}\n\n8.") is None


def test_a_first_word_replaced_with_the_word_before_it_by_more_words_is_a_guess_over_their_share():
    # "year.\n\nMembers" made four other words (a link's text across a paragraph break): none reads
    # as "Members", and any of the last of them may stand for it, so where the passage begins is a
    # guess over its share of them, not over "Members" alone.
    new = ARTICLE.replace("year.\n\nMembers", "period from Hosting Cook Dreamforce")
    assert carried(ARTICLE, new, SENTENCE) is None
    # A passage long enough that the share is a small part of it begins after them.
    passage = f"{SENTENCE}\n\nResidents who attended the meeting said they were tired of waiting"
    assert carried(ARTICLE, new, passage) == span_of(new, passage.removeprefix("Members "))


def test_a_first_word_replaced_with_the_words_before_it_by_fewer_longer_ones_is_a_guess_over_their_share():
    # "a duvet, HP" made "often very very": by its letters "HP" is a small part of the words
    # replaced, by its tokens a quarter, and any of the words put in may stand for it.
    old = "The new substance is feathers in a duvet, HP is called a lung disease. When it is cold."
    new = old.replace("a duvet, HP", "often very very")
    assert carried(old, new, "HP is called a lung disease") is None
    # Longer, the passage begins after them.
    passage = "HP is called a lung disease. When it is cold"
    assert carried(old, new, passage) == span_of(new, passage.removeprefix("HP "))


def test_a_full_stop_gone_with_its_word_is_not_found_past_a_paragraph_moved_in_after_it():
    # "reopen." made "painting" and the first paragraph moved in after it: the full stop that
    # ends the paragraph moved in reads as well as the passage's, and would carry it over the
    # whole paragraph; lost with its word, it leaves the passage lightly edited.
    passage = "Residents who attended the meeting said they were tired of waiting for the bridge to reopen."
    blocks = ARTICLE.split("\n\n")
    new = "\n\n".join([blocks[1], blocks[2].replace("reopen.", "painting"), blocks[0], blocks[3]])
    assert carried(ARTICLE, new, passage) == span_of(new, passage.replace("reopen.", "painting"))


def test_a_first_word_kept_in_a_stretch_that_also_brought_a_paragraph_in_before_it_begins_the_passage():
    # A paragraph inserted before "The library" and a word after "The": the alignment leaves
    # "The" inside one changed stretch with the paragraph, but "The" stayed there, and the
    # passage begins on it, not on the paragraph brought in before it.
    passage = "The library will extend its opening hours in winter"
    new = ARTICLE.replace("reopen.\n\nThe library",
                          "reopen.\n\nA ferry will carry walkers across the water until then.\n\nThe new library")
    assert carried(ARTICLE, new, passage) == span_of(new, passage.replace("The", "The new"))


def test_a_lists_dash_standing_apart_keeps_the_sentence_brought_in_before_it_inside_the_passage():
    # A passage ending on the dash of the list item after it, a sentence inserted before the
    # dash: the dash was written apart from the word before it, lost with no word, and the
    # sentence stands inside the passage, which is rewritten beyond a light edit.
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], f"{blocks[1]}\n- {blocks[2]}", blocks[3]])
    new = old.replace("month.\n- Residents",
                      "month.\nA ferry will carry walkers and cyclists over the water until then. - Residents")
    assert carried(old, new, f"{SENTENCE}\n-") is None


def test_a_last_word_whose_paragraph_went_past_the_next_one_edited_is_orphaned():
    # The paragraph the passage ends in the first word of is gone from its place, and the rest
    # of it stands after the next paragraph, its first words made others: read as that word
    # deleted, the passage is carried whole; read as the paragraph moved and edited, the word
    # went with it, and the passage reaches over the paragraph between. Where it ends is a guess.
    blocks = ARTICLE.split("\n\n")
    moved = "Engineers from the state inspected the bridge"
    between = "The library opens late in winter, the council said."
    old = "\n\n".join([blocks[0], blocks[1], moved, between, blocks[2]])
    new = "\n\n".join([blocks[0], blocks[1], between.replace("said.", "both the Audi the state inspected the bridge"),
                       blocks[2]])
    passage = "the mayor promised a decision before the end of the month.\n\nEngineers"
    assert carried(old, new, passage) is None
    # The paragraph deleted, the passage lost no more than its last word.
    deleted = "\n\n".join([blocks[0], blocks[1], between, blocks[2]])
    assert carried(old, deleted, passage) == span_of(deleted, passage.removesuffix("\n\nEngineers"))


def test_a_last_word_replaced_by_one_that_is_no_edit_of_it_leaves_a_short_passage_orphaned():
    # "the" made "also" reads as well as "the" deleted and "also" brought in after the passage:
    # where it ends is a guess, a fifth of a short passage.
    new = ARTICLE.replace("for the bridge", "for also bridge")
    assert carried(ARTICLE, new, "tired of waiting for the") is None
    # A small part of a long passage; and the same letters swapped are that word misspelt.
    passage = "Residents who attended the meeting said they were tired of waiting for the"
    assert carried(ARTICLE, new, passage) == span_of(new, passage.replace("for the", "for also"))
    misspelt = ARTICLE.replace("for the bridge", "for teh bridge")
    assert carried(ARTICLE, misspelt, "tired of waiting for the") == span_of(misspelt, "tired of waiting for teh")


def test_a_last_word_misspelt_between_words_of_a_changed_stretch_that_stayed_goes_into_its_new_form():
    # The sentence before the notice deleted, and "main story" made "min stor;": in the changed
    # stretch, "the" and "story" stayed ("stor"), and between them as many words as before, one
    # each: "main" went into "min", and the passage ends there.
    notice = "Continue reading the main story"
    old = ("The winner gets an interview with the chef. There will be no hiding then: we will ask about "
           f"every secret!\n\n{notice}\n\nRead, meet and vote on the last page!\n\n{ARTICLE}\n\n{notice}")
    new = old.replace(" There will be no hiding then: we will ask about every secret!", "").replace(
        f"{notice}\n\nRead", "Continue reading the min stor; Read")
    assert carried(old, new, "Continue reading the main") == span_of(new, "Continue reading the min")


def test_a_full_stop_made_a_semicolon_here_and_a_semicolon_a_full_stop_there_are_no_moves():
    # ". And" made "; and" in one sentence, "; and" made ". And" in another: each is an edit in
    # place, not ". And" moved to the other sentence, and the passage keeps its words.
    old = ("It is not the ending she imagined for herself. And yet, happiness often looks different.\n\n"
           "The crowd sang along; and the band played on until late at night.\n\n" + ARTICLE)
    new = old.replace("herself. And yet", "herself; and yet").replace("along; and the band", "along. And the band")
    assert carried(old, new, "imagined for herself. And yet,") == span_of(new, "imagined for herself; and yet,")


def test_a_last_word_misspelt_as_the_paragraph_after_it_went_ends_the_passage_on_its_full_stop():
    # "month." made "mnoth." and the next paragraph deleted: word for word, the deleted text may
    # end with the paragraph's full stop or with the passage's, as a deletion alone slides; the
    # passage keeps the full stop that stands right after its last word.
    new = ARTICLE.replace("the month.", "the mnoth.").replace(
        "Residents who attended the meeting said they were tired of waiting for the bridge to reopen.\n\n", "")
    passage = "promised a decision before the end of the month."
    assert carried(ARTICLE, new, passage) == span_of(new, passage.replace("month", "mnoth"))


def test_a_last_word_left_alone_at_the_start_of_a_paragraph_brought_in_is_orphaned():
    # "The experience ..." deleted and a paragraph "The company ..." brought in right there: word
    # for word the passage's "The" is kept, but it may as well be the new paragraph's first word.
    old = ARTICLE.replace("the month.", "the month. The experience left him shaken for weeks.")
    new = ARTICLE.replace("the month.", "the month. \n\nThe company shelved its plans for an initial offering.")
    assert carried(old, new, "the end of the month. The") is None
    # The passage without that word keeps its place.
    assert carried(old, new, "the end of the month.") == span_of(new, "the end of the month.")


def test_a_last_word_that_stayed_beside_the_same_word_brought_in_leaves_a_short_passage_orphaned():
    # "the meeting" made "meeting meeting" in a changed stretch: "the" replaced by the word, or
    # deleted and the word brought in after it, read alike, and the passage may end on either
    # copy: a guess over a sixth of it.
    new = ARTICLE.replace("attended the meeting said they were", "attended meeting meeting also then reportedly were")
    assert carried(ARTICLE, new, "Residents who attended the meeting") is None
    # With no copy of the word beside it, the passage ends on it.
    alone = ARTICLE.replace("attended the meeting said they were", "attended meeting also then reportedly were")
    passage = "Residents who attended the meeting"
    assert carried(ARTICLE, alone, passage) == span_of(alone, "Residents who attended meeting")


def test_a_passage_beginning_in_rewritten_words_is_not_begun_on_a_look_alike_among_them():
    # "the bridge to reopen." rewritten as "news of the vote, locals repent.": "repent" is two
    # edits from "reopen", but no word of the passage's part there stayed as it was, and words
    # were put in for those before it: that it stands for "reopen" is a coincidence, not a
    # place to begin.
    passage = "to reopen.\n\nThe library will extend its opening hours in winter, the council announced at the close."
    new = ARTICLE.replace("the bridge to reopen.", "news of the vote, locals repent.")
    assert carried(ARTICLE, new, passage) is None
    # Where the word stayed as it was, it says where the passage's words went.
    new = ARTICLE.replace("the bridge to reopen.", "news of the vote, locals reopen.")
    assert carried(ARTICLE, new, passage) == span_of(new, "reopen.\n\nThe library")[:1] + (len(new),)


def test_a_sentence_put_in_after_a_break_beginning_with_the_words_after_it_stands_beside_the_passage():
    # The passage ends three words into the paragraph after the break; the edit put a sentence
    # beginning with those very words right after the break. Read as put in three words later,
    # as a diff may slide it, it stands outside, and the passage keeps its words.
    passage = "promised a decision before the end of the month.\n\nResidents who attended"
    new = ARTICLE.replace("month.\n\nResidents who",
                          "month.\n\nResidents who attended the vote cheered loudly. Residents who")
    assert carried(ARTICLE, new, passage) == span_of(new, passage)


def test_a_sentence_moved_in_beginning_with_the_words_after_it_is_not_read_as_slid():
    # Moved in from elsewhere, such a sentence may be a near-twin of the passage's own swapped
    # with it ("Another problem is how ..." and "Another often is how ..."): which of the two
    # holds the passage's words is a guess, and the passage is orphaned.
    passage = "promised a decision before the end of the month.\n\nResidents who attended"
    old = ARTICLE.replace("the close.", "the close. Residents who attended the fair were pleased.")
    new = old.replace(" Residents who attended the fair were pleased.", "").replace(
        "month.\n\nResidents who", "month.\n\nResidents who attended the fair were pleased. Residents who")
    assert carried(old, new, passage) is None


def test_a_copy_put_in_inside_a_passage_is_not_read_as_slid_across_another_break():
    # The passage's first sentence put in again right before its next paragraph's words, in
    # the same paragraph: read as put in before the old copy, the passage would run from the
    # copy on, across a space where it had a paragraph break, which is another text.
    passage = SENTENCE + "\n\nResidents who attended"
    new = ARTICLE.replace("month.\n\nResidents who", "month.\n\n" + SENTENCE + " Residents who")
    assert carried(ARTICLE, new, passage) is None
    # Put in as a paragraph of its own, the copy reads as put in before the old one.
    new = ARTICLE.replace("month.\n\nResidents who", "month.\n\n" + SENTENCE + "\n\nResidents who")
    assert carried(ARTICLE, new, passage) == span_of(new, passage)


def test_a_passage_whose_words_slid_onto_the_same_words_kept_in_the_next_paragraph_is_orphaned():
    # "Watch our video" / "But it's not just about finding and using" / a tip / "But it's not just
    # about finding and using the best platform." -- the middle paragraphs cut and "our" changed.
    # Word for word the passage's last paragraph may have gone with the tip (the passage ends at
    # "video") or slid onto the same words that open the last paragraph: where it ends is a guess.
    passage = "Watch our video\n\nBut it's not just about finding and using"
    tip = "Workflow tip: editors can collect files from outside members in one shared folder, even without an account."
    last = ("But it's not just about finding and using the best platform. "
            "Other ways to get more out of your video reviews.")
    old = f"{ARTICLE}\n\n{passage}\n\n{tip}\n\n{last}"
    new = f"{ARTICLE}\n\nWatch ouhing video\n\n{last}"
    assert carried(old, new, passage) is None
    # A heading's words cut while the next paragraph opens with them: "8. Khan Academy" made "8.".
    old = "8. Khan Academy\n\nKhan Academy is a nonprofit platform that provides free lessons. " + ARTICLE
    new = "8. \n\nKhtn Academy is a nonprofit platform that provides free lessons. " + ARTICLE
    assert carried(old, new, "8. Khan Academy") is None


def test_an_edge_word_edited_where_the_text_after_it_moved_away_stays_in_the_passage():
    # The heading's last word misspelt, and the paragraph after it moved to the end with a line
    # put in its place: the word changed where it stood, beside text that left, and is still the
    # heading's.
    heading = "Protein Science Continues to Dominate"
    moved = "If one nutrient reigned supreme at the meeting, it was protein."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], heading, moved, blocks[1], blocks[2], blocks[3]])
    edited = heading.replace("Dominate", "Dominte")
    new = "\n\n".join([blocks[0], edited, "When comparing options, consider:", blocks[1], blocks[2], blocks[3], moved])
    assert carried(old, new, heading) == span_of(new, edited)
