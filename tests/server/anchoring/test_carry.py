"""Carrying highlights through the edit from the previous text: one test per kind of edit,
including each failure of the earlier rule-based re-anchoring."""
from dataclasses import replace

from server.anchoring import anchor, anchor_many, describe

ARTICLE = (
    "The city council met on Tuesday to discuss the new budget for the coming year.\n\n"
    "Members argued for hours about the cost of road repairs along the river, and the mayor "
    "promised a decision before the end of the month.\n\n"
    "Residents who attended the meeting said they were tired of waiting for the bridge to reopen.\n\n"
    "The library will extend its opening hours in winter, the council announced at the close."
)


def span_of(text: str, passage: str, occurrence: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(passage, at + 1)
    return at, at + len(passage)


def carried(old: str, new: str, passage: str) -> tuple[int, int] | None:
    return anchor_many(new, [describe(old, *span_of(old, passage))], old)[0]


def test_one_word_inserted_inside_a_long_passage_stays_inside_it():
    passage = "Members argued for hours about the cost of road repairs along the river"
    new = ARTICLE.replace("the cost of road", "the rising cost of road")
    assert carried(ARTICLE, new, passage) == span_of(new, passage.replace("the cost", "the rising cost"))


def test_one_word_deleted_or_replaced_inside_passages_of_every_length():
    for passage, old_word, new_word in [
        ("met on Tuesday to discuss", "Tuesday", "Monday"),
        ("Residents who attended the meeting said they were tired of waiting", "tired ", ""),
        ("the mayor promised a decision before the end of the month", "decision", "ruling"),
    ]:
        new = ARTICLE.replace(old_word, new_word, 1)
        assert carried(ARTICLE, new, passage) == span_of(new, passage.replace(old_word, new_word, 1))


def test_context_inserted_and_deleted_around_a_passage_shifts_it():
    passage = "they were tired of waiting for the bridge to reopen"
    new = "Breaking news.\n\n" + ARTICLE.replace("Residents who attended the meeting said ", "Residents said ")
    assert carried(ARTICLE, new, passage) == span_of(new, passage)


def test_a_paragraph_moved_as_a_block_carries_its_passage():
    passage = "Residents who attended the meeting said they were tired"
    blocks = ARTICLE.split("\n\n")
    new = "\n\n".join([blocks[2], blocks[0], blocks[1], blocks[3]])
    assert carried(ARTICLE, new, passage) == span_of(new, passage)


def test_sentences_reordered_inside_a_paragraph_carry_their_passages():
    old = "First comes the opening line of it all. Then a second sentence follows here. Last the close.\n\nNext."
    new = "Then a second sentence follows here. First comes the opening line of it all. Last the close.\n\nNext."
    for passage in ["First comes the opening line of it all.", "Then a second sentence follows here."]:
        assert carried(old, new, passage) == span_of(new, passage)


def test_a_deleted_passage_with_a_near_copy_elsewhere_is_orphaned():
    twin = "The mayor promised a ruling before the end of the month."
    old = ARTICLE + "\n\nIn other news, " + twin + " Nothing else happened."
    new = old.replace("and the mayor promised a decision before the end of the month", "and left")
    assert carried(old, new, "mayor promised a decision before the end of the month") is None
    assert twin in new


def test_a_passage_moved_next_to_its_near_twin_follows_the_move():
    sentence = "The river bridge will reopen in the spring after repairs."
    twin = "The river bridge will reopen in the summer after repairs."
    old = f"{sentence} Work began last year.\n\nOther news here.\n\n{twin}\n\nThe end."
    new = f"Work began last year.\n\nOther news here.\n\n{sentence} {twin}\n\nThe end."
    assert carried(old, new, sentence) == span_of(new, sentence)
    assert carried(old, new, twin) == span_of(new, twin)


def test_a_deleted_passage_beside_its_identical_boilerplate_leaves_the_copy_alone():
    boiler = "Sign up for our newsletter."
    old = f"Intro text here.\n\n{boiler}\n\nMiddle text goes on.\n\n{boiler}\n\nEnd."
    new = f"Intro text here.\n\nMiddle text goes on.\n\n{boiler}\n\nEnd."
    first, second = describe(old, *span_of(old, boiler)), describe(old, *span_of(old, boiler, 1))
    assert anchor_many(new, [first, second], old) == [None, span_of(new, boiler)]


def test_a_short_passage_whose_first_word_went_with_the_paragraph_before_it_keeps_the_rest():
    # "year." went with its paragraph; what is left of the passage lost one word, its full stop
    # with it: a light edit of a short passage, not a rewrite.
    passage = "year.\n\nMembers argued for hours"
    new = ARTICLE.replace("The city council met on Tuesday to discuss the new budget for the coming year.\n\n", "")
    assert carried(ARTICLE, new, passage) == span_of(new, "Members argued for hours")


def test_a_mostly_rewritten_passage_is_orphaned():
    passage = "the mayor promised a decision before the end of the month"
    new = ARTICLE.replace(passage, "the mayor said nothing whatsoever about any of it at all")
    assert carried(ARTICLE, new, passage) is None


def test_many_small_edits_over_many_saves_are_judged_against_the_highlighted_quote():
    passage = "Members argued for hours about the cost of road repairs along the river"
    words = ["Councillors", "debated", "all", "evening", "over", "a", "price", "for", "street", "works", "by", "water"]
    text = ARTICLE
    selector = describe(text, *span_of(text, passage))
    places = []
    for k, word in enumerate(words):
        # each save replaces one more word of the passage: a light edit of the last save
        current = text[selector.start : selector.end].split(" ")
        current[k] = word
        new = text[: selector.start] + " ".join(current) + text[selector.end :]
        [place] = anchor_many(new, [selector], text)
        places.append(place)
        if place is None:
            break
        selector = replace(describe(new, *place), highlighted=selector.first_quote)
        text = new
    assert places[0] is not None  # a light edit keeps it ...
    assert places[-1] is None and len(places) < len(words)  # ... until much of what was highlighted is gone


def test_a_quote_placed_with_one_sided_context_stays_put_when_the_text_is_saved_again():
    # As an import places it: the quote found once, no offsets, context on one side only.
    quote = "decision before the end"
    place = span_of(ARTICLE, quote)
    selector = replace(describe(ARTICLE, *place), prefix="", suffix=" of the month.")
    assert anchor_many(ARTICLE, [selector], ARTICLE) == [place]


def test_an_orphaned_passage_re_attaches_when_its_text_comes_back_but_not_to_a_copy_that_stayed():
    passage = "they were tired of waiting for the bridge to reopen"
    orphaned = replace(describe(ARTICLE, *span_of(ARTICLE, passage)), start=None, end=None)
    without = ARTICLE.replace("Residents who attended the meeting said " + passage + ".\n\n", "")
    assert anchor_many(without, [orphaned], ARTICLE) == [None]
    assert anchor_many(ARTICLE, [orphaned], without) == [span_of(ARTICLE, passage)]
    # Without a previous text (a page that had none), the quote and its context place it.
    assert anchor(ARTICLE, orphaned) == span_of(ARTICLE, passage)


def test_a_sentence_inserted_inside_a_passage_orphans_it_rather_than_carry_part_of_it():
    passage = "Members argued for hours about the cost of road repairs along the river, and the mayor"
    new = ARTICLE.replace("along the river, and", "along the river. Our journalism depends on readers like you. And")
    assert carried(ARTICLE, new, passage) is None  # more than a light edit changed it
    # A word added is a light edit, in a short passage as in a long one ...
    new = ARTICLE.replace("road repairs", "urgent road repairs")
    assert carried(ARTICLE, new, "the cost of road repairs along") == \
        span_of(new, "the cost of urgent road repairs along")
    # ... unless the word is most of the passage.
    assert carried(ARTICLE, ARTICLE.replace("the bridge", "the Westminster bridge"), "the bridge") is None



def test_a_sentence_deleted_beside_its_pull_quote_is_told_apart_by_the_whitespace():
    # "Q.\n\nQ. Rest" -> "Q.\n\nRest": word for word either copy may have gone, but the
    # paragraph break that stayed after the survivor was the pull quote's.
    quote = "The men were flown out of the region on US choppers, according to a local source."
    old = f"Intro text here.\n\n{quote}\n\n{quote} Their release came hours later.\n\nEnd."
    new = f"Intro text here.\n\n{quote}\n\nTheir release came hours later.\n\nEnd."
    pulled, original = describe(old, *span_of(old, quote)), describe(old, *span_of(old, quote, 1))
    assert anchor_many(new, [pulled, original], old) == [span_of(new, quote), None]


def test_a_sentence_moved_beside_its_copy_is_told_apart_by_the_whitespace():
    quote = "I boarded a flight on May 15 and reached Mexico via Moscow and Paris."
    twin = quote.replace(" on May", " really May")
    old = (f"He said so.\n\n{quote}\n\n{twin} Then more.\n\n"
           f"He was from the north.\n{quote} From there, he went on.\n\nEnd.")
    new = (f"He said so.\n\n{quote}\n\n{quote} {twin} Then more.\n\n"
           "He was from the north.\nFrom there, he went on.\n\nEnd.")
    pulled, moved = describe(old, *span_of(old, quote)), describe(old, *span_of(old, quote, 1))
    found = anchor_many(new, [pulled, moved], old)
    assert found[0] == span_of(new, quote)  # not crossed with the moved copy
    assert found[1] in (None, span_of(new, quote, 1))


def test_a_rare_word_says_where_a_passage_went_rather_than_the_quote_marks_of_an_inserted_sentence():
    # Aligned token by token as a longest common subsequence, the quote marks of the inserted
    # sentence outnumber the one word both texts share once: the passage was cut in two.
    old = "“so” Zanzibar “so” “so” "
    new = "“A” — quoted. “so” Zanzibar “so” "
    assert carried(old, new, "“so” Zanzibar “so”") == span_of(new, "“so” Zanzibar “so”")


def test_a_passage_inside_a_sentence_its_pull_quote_repeats_stays_when_the_pull_quote_is_deleted():
    sentence = "The old river bridge in the town centre will reopen in the spring after all the repairs are finished."
    old = f"{ARTICLE}\n\nOfficials agreed. {sentence} Work starts soon.\n\n{sentence}\n\nThe end."
    new = f"{ARTICLE}\n\nOfficials agreed. {sentence} Work starts soon.\n\nThe end."
    # The context either side of the passage is the same in both copies; past the sentence,
    # it is the original's that the new text kept.
    assert carried(old, new, "reopen in the spring") == span_of(new, "reopen in the spring")
    # The original deleted instead, the pull quote that stayed is not the passage.
    gone = f"{ARTICLE}\n\nOfficials agreed. Work starts soon.\n\n{sentence}\n\nThe end."
    assert carried(old, gone, "reopen in the spring") is None


def test_a_short_paragraph_moved_into_a_long_passage_stays_inside_it():
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join(blocks + ["About this story"])
    new = "\n\n".join(blocks[:2] + ["About this story"] + blocks[2:])
    passage = "\n\n".join(blocks[1:3])
    assert carried(old, new, passage) == span_of(new, "\n\n".join(blocks[1:2] + ["About this story"] + blocks[2:3]))


def test_a_passage_of_invisible_characters_is_carried_beside_the_tokens_it_stood_by():
    old = "The opening words.\n\n\u200b\n\n\u200b\n\nThe closing words."
    new = "A new line first.\n\nThe opening text.\n\n\u200b\n\n\u200b\n\nThe closing words."
    second = describe(old, *span_of(old, "\u200b", 1))
    assert anchor_many(new, [second], old) == [span_of(new, "\u200b", 1)]


def test_a_passage_carried_onto_one_of_its_copies_whose_context_fits_another_better_is_not_put_there():
    # A copy of the closing boilerplate inserted before it: word for word the alignment may keep
    # either, but the passage ended the text, as the second copy does.
    old = ARTICLE + "\n\nAdvertisement"
    new = ARTICLE + "\n\nAdvertisement\n\nAdvertisement"
    assert carried(old, new, "Advertisement") in (None, span_of(new, "Advertisement", 1))


def test_a_deleted_passage_whose_copy_moved_is_orphaned_rather_than_carried_with_the_move():
    # Word for word, the passage could have moved where its copy went: nothing tells them apart.
    sentence = "Long considered one of the great slights, the band was finally nominated for induction."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], sentence, blocks[1], blocks[2], sentence, blocks[3], "The end."])
    new = "\n\n".join([blocks[0], blocks[1], blocks[2], blocks[3], "The end.", sentence])
    assert carried(old, new, sentence) is None
    # Its copy deleted instead, it stays where it was.
    kept = "\n\n".join([blocks[0], sentence, blocks[1], blocks[2], blocks[3], "The end."])
    assert carried(old, kept, sentence) == span_of(kept, sentence)


def test_a_passage_whose_last_paragraph_moved_past_another_and_changed_is_not_cut_short():
    # The short paragraph it ended with went on past the next one, a word added: too changed to
    # be told moved, it is not deleted either; where the passage ends is a guess.
    first = ("Having recently carried out a compulsory purchase of the house in Braunau am Inn, a town on the "
             "border with Germany, Austria will invite architects to submit plans for a redesign of the building.")
    born, vienna = "Although Hitler was born", "VIENNA — The house where Adolf Hitler"
    old = f"{ARTICLE}\n\n{first}\n\n{born}\n\n{vienna}\n\nThe end."
    new = f"{ARTICLE}\n\n{first}\n\n{vienna}\n\nrecent {born}\n\nThe end."
    assert carried(old, new, f"{first}\n\n{born}") is None


def test_a_passage_beginning_with_a_sentence_moved_away_from_a_copy_that_was_deleted_is_orphaned():
    # Two copies of a sentence, one deleted and the other moved past a paragraph: word for word
    # the alignment may call either one moved. The passage's first words are not simply deleted.
    sentence = "No details were provided on how the industrial and technological targets would be achieved."
    boiler = "This article is part of our continuing coverage. Follow us on social media for updates."
    rest = ("A recent report by the International Energy Agency’s Photovoltaic Power Systems Program stated "
            "the South Korean solar module industry")
    old = f"{ARTICLE}\n\n{sentence}\n\nMore here.\n\n{boiler}\n\n{sentence}\n\n{rest} had a capacity."
    new = f"{ARTICLE}\n\nMore here.\n\n{sentence}\n\n{boiler}\n\n{rest} had a capacity."
    assert carried(old, new, f"be achieved.\n\n{rest}") is None


def test_a_sentence_moved_out_of_a_passage_leaves_the_parts_around_it_in_order():
    # "A. B. C" -> "A. C B.": the passage "A. B. C" is not just "A. C" with the sentence B gone,
    # as the longest stretch of it kept in order ("A. C") would say: most of it in order is "A. B.".
    before = ("“The people of this country aren’t buying” impeachment, Trump said at a rally in Louisiana last "
              "week. “You see it because we’re going up and they’re going down.”\n\n“You gotta give me a big "
              "win please,” he said later. “Please.”\n\nTrump thought voters would repudiate impeachment and "
              "vindicate him.")
    moved = "Instead, they did the opposite."
    after = "Virginia Democrats won a legislative majority for the first time since 1993."
    old, new = f"{before} {moved} {after} Kentucky.", f"{before} {after} {moved} Kentucky."
    assert carried(old, new, f"{before[before.index('week.'):]} {moved} Virginia") is None


def test_a_passage_beginning_with_invisible_marks_keeps_them_or_is_orphaned():
    old = f"{ARTICLE}\n\n\u200b\n\n\u200b\n\nTransformed into graceful performers by the dance.\n\nThe end."
    new = old.replace("\u200b\n\nTransformed", "\u200b\n\nA sentence came in here.\n\nTransformed")
    passage = "\u200b\n\n\u200b\n\nTransformed into graceful performers by the dance."
    assert carried(old, new, passage) in (None, span_of(new, passage.replace(
        "\n\nTransformed", "\n\nA sentence came in here.\n\nTransformed")))


def test_a_passage_moved_where_the_edit_also_put_a_copy_of_it_is_orphaned():
    # One paragraph deleted, two identical ones inserted: which one is it, moved, is a guess.
    boiler = "Our journalism depends on readers like you. Subscribe today."
    graphic = "This graphic shows the states where it is legal."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], blocks[1], blocks[2], boiler, graphic, blocks[3]])
    new = "\n\n".join([blocks[0], "Continue reading the main story", boiler, blocks[1], blocks[2], graphic, boiler,
                       blocks[3]])
    assert carried(old, new, "Subscribe today.") is None
    assert carried(old, new, boiler) is None


def test_a_passage_ending_in_boilerplate_a_copy_of_which_was_inserted_right_after_it_is_orphaned():
    # Word for word, the paragraph inserted may be either copy: the passage's end is a guess.
    boiler = "This article is part of our continuing coverage. Follow us on social media for updates."
    old = f"{ARTICLE}\n\n{boiler}"
    new = f"{ARTICLE}\n\n{boiler}\n\n{boiler}"
    passage = "The library will extend its opening hours in winter, the council announced at the close.\n\n" \
        "This article is part of our continuing coverage."
    assert carried(old, new, passage) is None


def test_one_of_two_copies_side_by_side_moved_orphans_both():
    # "B B" -> "B x B": word for word either copy may be the one moved.
    boiler = "Our journalism depends on readers like you. Subscribe today."
    old = f"{ARTICLE}\n\nHere's what to know:\n\n{boiler}\n\n{boiler}\n\nThere's still a chance\n\nAs it stands, more."
    new = f"{ARTICLE}\n\n{boiler}\n\nThere's still a chance\n\n{boiler}\n\nAs it stands, more."
    first = describe(old, *span_of(old, "Our journalism depends on readers like you."))
    second = describe(old, *span_of(old, "Our journalism depends on readers like you.", 1))
    assert anchor_many(new, [first, second], old) == [None, None]


def test_a_passage_ending_in_a_sentence_the_edit_brought_in_again_in_the_next_paragraph_is_orphaned():
    # A copy of the boilerplate inserted, its sentences in the other order: word for word the
    # passage's last sentence may as well be the copy's, one paragraph on.
    boiler = "Our journalism depends on readers like you. Subscribe today."
    swapped = "Subscribe today. Our journalism depends on readers like you."
    old = f"{ARTICLE}\n\n{boiler}\n\nThe Taliban members were released in December."
    new = f"{ARTICLE}\n\n{boiler}\n\n{swapped}\n\nThe Taliban members were released in December."
    closing = ARTICLE.split("\n\n")[-1]
    assert carried(old, new, f"at the close.\n\n{boiler}") is None
    assert carried(old, new, "at the close.\n\nOur journalism depends on") is None
    # A near-copy (a word gone) inserted after it leaves the same doubt.
    near = f"{ARTICLE}\n\n{boiler}\n\n{boiler.replace('like ', '')}\n\nThe Taliban members were released in December."
    assert carried(old, near, "at the close.\n\nOur journalism depends on readers like you.") is None
    # The same paragraph with nothing brought in beside it is carried.
    assert carried(old, old.replace("Tuesday", "Monday"), f"{closing}\n\n{boiler}") == \
        span_of(old.replace("Tuesday", "Monday"), f"{closing}\n\n{boiler}")


def test_a_passage_whose_first_sentence_is_carried_onto_its_near_twin_moved_beside_it_is_orphaned():
    # "T'\n\nT rest" -> "T T'\n\nrest": word for word the alignment may call T' the passage's
    # sentence with one word changed; but T' is a sentence the old text held elsewhere.
    sentence = 'The French foreign ministry said it "regrets any decision likely to encourage...'
    twin = sentence.replace("any", "still")
    old = f"{ARTICLE}\n\n{twin}\n\n{sentence} settlement building\".\n\nThe end."
    new = f"{ARTICLE}\n\n{sentence} {twin}\n\nsettlement building\".\n\nThe end."
    assert carried(old, new, f"{sentence} settlement building\".") is None
    # A word of its own sentence changed, it is carried.
    edited = old.replace("any decision", "every decision")
    assert carried(old, edited, f"{sentence} settlement building\".") == \
        span_of(edited, f"{sentence.replace('any', 'every')} settlement building\".")


def test_an_orphaned_passage_does_not_re_attach_to_a_copy_brought_in_that_agrees_with_its_context_on_one_side():
    boiler = "Our journalism depends on readers like you. Subscribe today."
    old = f"{ARTICLE}\n\n{boiler}\n\nMore information: the report."
    orphaned = replace(describe(old, *span_of(old, "Subscribe today.")), start=None, end=None)
    edited = old.replace(f"{boiler}\n\n", "")
    # A copy of the boilerplate inserted at the top: the quote is back, its prefix with it,
    # but not what followed it.
    new = f"{boiler}\n\n{edited}"
    assert anchor_many(new, [orphaned], edited) == [None]
    # Back where it stood, with what stood around it, it re-attaches.
    assert anchor_many(old, [orphaned], edited) == [span_of(old, "Subscribe today.")]


def test_a_passage_whose_last_words_were_changed_in_place_and_come_again_beside_it_is_orphaned():
    # A list made a paragraph, its last item's number put after the next sentence: the words
    # the alignment calls replaced stand again beside the passage, which may end at either.
    old = (f"{ARTICLE}\n\nThat’s why I tell my clients: “an open face is a happy face!”\n\n"
           "3. Instead of reaching for a snack, make a plate\n\nMost of us think so.")
    new = (f"{ARTICLE}\n\nThat’s why I tell my clients: “an open face is a happy face!”, "
           "Instead of reaching for a snack, make a plate 3., Most of us think so.")
    assert carried(old, new, "That’s why I tell my clients: “an open face is a happy face!”\n\n3.") is None


def test_a_paragraph_deleted_beside_its_copy_is_told_apart_by_the_breaks_it_leaves():
    # "A\n\nC\n\nC\n\nB" -> "A\n\n\n\nC\n\nB": the words of a line deleted without the breaks
    # around it leave both breaks where it stood, so it was the first copy that went.
    line = "Continue reading the main story"
    opening = "Some design touches that intrude a little too much."
    old = f"{opening}\n\n{line}\n\n{line}\n\nThe next paragraph goes on here."
    new = f"{opening}\n\n\n\n{line}\n\nThe next paragraph goes on here."
    first, second = describe(old, *span_of(old, line)), describe(old, *span_of(old, line, 1))
    assert anchor_many(new, [first, second], old) == [None, span_of(new, line)]
    assert carried(old, new, "too much.\n\nContinue reading") is None


def test_one_of_three_identical_lines_deleted_while_another_changed_leaves_which_went_to_a_guess():
    # The alignment keeps the first copy and drops a later one, but the words a passage took
    # from the first copy may be those of the copy that went: it is orphaned.
    line = "Continue reading the main story"
    opening = "Some design touches that intrude a little too much."
    old = f"{opening}\n\n{line}\n\n{line}\n\n{line}\n\nThe next paragraph goes on here."
    new = f"{opening}\n\n\n\n{line}\n\n{line.replace('Continue', 'Continue still')}\n\nThe next paragraph goes on here."
    assert carried(old, new, "too much.\n\nContinue reading") is None
    # Nothing repeated beside the changed stretch, the passage is carried.
    plain = old.replace(f"{line}\n\n{line}\n\n", "")
    edited = plain.replace(line, line.replace("Continue", "Continue still"))
    assert carried(plain, edited, "too much.\n\nContinue reading") == \
        span_of(edited, "too much.\n\nContinue still reading")


PULL_QUOTE = "If you only want Pokemon Sword or Shield and not both, then Amazon still has the best deal."
PULL_QUOTED = f"{PULL_QUOTE} The price of one of the controllers dropped by a third."
DEALS = "Skip the rush and snag some of these great deals early. Several deals are already available."


def test_a_pull_quote_deleted_while_the_sentence_it_repeats_moved_into_its_place_is_orphaned():
    # Word for word, the copy that is left may be either: before it stands the pull quote's
    # context, after it the sentence's. A passage ending in the pull quote is orphaned too.
    old = (f"{DEALS}\n\n{PULL_QUOTE}\n\nA heading in between\n\nThe middle paragraph says other things.\n\n"
           f"{PULL_QUOTED}\n\nThe end.")
    new = f"{DEALS}\n\n{PULL_QUOTED}\n\nA heading in between\n\nThe middle paragraph says other things.\n\nThe end."
    assert carried(old, new, PULL_QUOTE) is None
    assert carried(old, new, f"{DEALS}\n\n{PULL_QUOTE}") is None
    # The pull quote deleted, and nothing moved, the sentence stays where it was.
    kept = old.replace(f"{PULL_QUOTE}\n\nA heading", "A heading")
    assert carried(old, kept, f"other things.\n\n{PULL_QUOTE}") == span_of(kept, f"other things.\n\n{PULL_QUOTE}")


def test_a_passage_ending_in_a_one_word_paragraph_that_moved_past_a_list_item_is_orphaned():
    # "X\n\nAdvertisement\n\nItem" -> "X\n\nItem\n\nAdvertisement": one word is too little to call
    # moved, but a whole paragraph of it brought in again beside the passage is its end, moved.
    sentence = "Andrew has no memory of the photograph of himself with Giuffre, either."
    old = f"{ARTICLE}\n\n{sentence}\n\nAdvertisement\n\nAndrew doesn’t remember\n\nMore on this.\n\nThe end."
    new = f"{ARTICLE}\n\n{sentence}\n\nAndrew doesn’t remember\n\nAdvertisement\n\nMore on this.\n\nThe end."
    assert carried(old, new, f"{sentence}\n\nAdvertisement") is None
    # Deleted outright, it is no longer part of the passage.
    gone = old.replace("\n\nAdvertisement", "")
    assert carried(old, gone, f"{sentence}\n\nAdvertisement") == span_of(gone, sentence)


def test_a_moved_passage_whose_first_word_was_changed_on_the_way_is_orphaned():
    # Moved text has no stretch changed in place: "So," deleted and "So reportedly" brought
    # in right before the rest of the passage leaves where it begins to a guess.
    moved = "So, there's reason -- lots of it! -- to wonder. Especially when you consider the record."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([*blocks, "Ronny Jackson, who", "served as the physician", moved, "The end."])
    new = "\n\n".join([blocks[0], moved.replace("So,", "So reportedly"), *blocks[1:], "Ronny Jackson, who",
                       "served as the physician", "The end."])
    assert carried(old, new, "So, there's reason -- lots of it!") is None
    # Moved unchanged, it follows the move.
    unchanged = new.replace("So reportedly", "So,")
    assert carried(old, unchanged, "So, there's reason -- lots of it!") == \
        span_of(unchanged, "So, there's reason -- lots of it!")


def test_a_pull_quote_deleted_while_the_sentence_it_repeats_moved_in_beside_its_context_is_orphaned():
    # The pull quote and the heading after it deleted, the sentence it repeats moved from far
    # below into its place with a word dropped: the text before is the pull quote's, the text
    # after is neither copy's, so either copy may be the one left.
    heading = "PS4 controller in Crystal for $39.99"
    later = "Read our review of both games.\n\n"
    old = (f"{DEALS}\n\n{PULL_QUOTE}\n\n{heading}\n\n{ARTICLE}\n\n{later}"
           f"{PULL_QUOTE} Prime members get a gift card with either version.\n\nThe end.")
    edited = PULL_QUOTE.replace("If you only", "If only")
    new = f"{DEALS}\n\n{edited} \n\n{ARTICLE}\n\n{later}Prime members get a gift card with either version.\n\nThe end."
    assert carried(old, new, PULL_QUOTE) is None
    # Unchanged there, it needs no edit as the pull quote, a move as the sentence: it stays.
    unchanged = new.replace(edited, PULL_QUOTE)
    assert carried(old, unchanged, PULL_QUOTE) == span_of(unchanged, PULL_QUOTE)
    # The heading kept after it, the pull quote keeps its place.
    kept = f"{DEALS}\n\n{edited}\n\n{heading}\n\n{ARTICLE}\n\n{later}Prime members get a gift card with either version."
    assert carried(old, kept, PULL_QUOTE) == span_of(kept, edited)


def test_a_near_copy_moved_into_the_place_of_a_deleted_sentence_of_the_passage_and_edited_there_orphans_it():
    original = "The second is to allow a company representative to make a note of the fuel level when you pick up."
    twin = original.replace("make", "reportedly")
    old = ("Renting a car abroad takes some care.\n\n" + original + "\n\nThe first is to read the contract first.\n\n"
           "Before you get\n\n" + twin + "\n\nDon't speed, obey all traffic regulations, and pay tolls.\n\nThe end.")
    passage = "Before you get\n\n" + twin + "\n\nDon't speed, obey all traffic regulations, and pay"
    # The twin deleted, the sentence it copies moved into its place and given a word there.
    new = ("Renting a car abroad takes some care.\n\nThe first is to read the contract first.\n\n"
           + original.replace("The second", "The local second")
           + "\n\nDon't speed, obey all traffic regulations, and pay tolls.\n\nThe end.")
    assert carried(old, new, passage) is None


def test_a_quotation_moved_whole_takes_its_opening_mark_not_the_next_ones():
    # Two quotations side by side, the first moved to a paragraph of its own: word for word its
    # opening mark or the next quotation's could be the one left behind; the marks written
    # against their words go with them, so the moved quotation keeps its own and follows the move.
    quote = "“It grabbed me by the heart the moment I heard it,” he said."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], f"A sample came in late. {quote} “It just connected.” The rest followed.",
                       *blocks[1:]])
    new = "\n\n".join([blocks[0], "A sample came in late. “It just connected.” The rest followed.", *blocks[1:3],
                       quote, blocks[3]])
    assert carried(old, new, quote) == span_of(new, quote)
