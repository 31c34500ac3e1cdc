"""Carrying highlights where the edit leaves more than one place their text could have gone:
the passage follows the edit only where one reading is clearly the cheaper, and is orphaned
where the readings are a light edit apart."""

from server.anchoring import anchor_many, describe
from tests.server.anchoring.test_carry import ARTICLE, carried, span_of

NOTICE = "Our journalism depends on readers like you. Subscribe today."


def test_a_paragraph_moved_and_edited_while_a_copy_of_it_was_inserted_elsewhere_is_orphaned():
    # Moved past a heading with a word dropped, and the same notice inserted word for word further
    # on: the whole notice is found there, but it is one word from the moved one, either may be it.
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], NOTICE, "Private cloud", *blocks[1:]])
    edited = NOTICE.replace("depends on", "depends")
    moved = [blocks[0], "Private cloud", edited, blocks[1], blocks[2]]
    new = "\n\n".join([*moved, NOTICE, blocks[3]])
    assert carried(old, new, NOTICE) is None
    # With no copy inserted, it follows the move.
    alone = "\n\n".join([*moved, blocks[3]])
    assert carried(old, alone, NOTICE) == span_of(alone, edited)
    # A paragraph inserted that shares only some of its words is no such copy.
    other = "Our journalism depends on people in the city. Subscribe today."
    apart = "\n\n".join([*moved, other, blocks[3]])
    assert carried(old, apart, NOTICE) == span_of(apart, edited)


def test_a_pull_quote_deleted_beside_the_sentence_it_repeats_takes_its_passage_with_it():
    # "“S”" then "S": the quote and its marks deleted, the paragraph after the sentence changed.
    # Word for word the alignment may keep the quote's words, but the edit deleted both marks
    # that stood beside them: what went with the copy is what stood by the passage, so the
    # quote's passage is gone, not carried onto the sentence.
    sentence = "Click the link to see the full calendar of the season"
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([*blocks[:2], f"“{sentence}”", sentence, "Continue reading the main story", *blocks[2:]])
    new = "\n\n".join([*blocks[:2], sentence, "This article is part of our coverage.", *blocks[2:]])
    assert carried(old, new, sentence) is None


def test_a_sentence_cut_with_its_paragraph_beside_its_copy_standing_alone_is_not_carried_onto_the_copy():
    # "S" stood alone, and again inside the next paragraph; that paragraph cut, a paragraph put in
    # before the copy: word for word the alignment may keep the paragraph's sentence, its full
    # stop before it aligned onto the new paragraph's. Its words on both sides went: the passage
    # in the paragraph is as likely gone as kept, so it is orphaned.
    sentence = "In turn, you can use the breath to gain greater awareness of the body."
    blocks = ARTICLE.split("\n\n")
    paragraph = f"Postures help develop your awareness of breath. {sentence} The practice prepares you."
    old = "\n\n".join([blocks[0], "Continue reading the main story", sentence, paragraph, *blocks[1:]])
    new = "\n\n".join([blocks[0], "Players want a better experience.", sentence, *blocks[1:]])
    assert anchor_many(new, [describe(old, *span_of(old, sentence, 1))], old) == [None]


def test_words_of_a_sentence_merged_with_its_near_twin_are_orphaned():
    # The sentence moved before its twin (one word apart) and merged with it: the words the two
    # share stand twice in the paragraph, and either copy of them may be the one that moved.
    sentence = "The river bridge will reopen in the spring after repairs."
    twin = "The river bridge will reopen in the summer after repairs."
    old = f"{sentence} Work began last year.\n\nOther news here.\n\n{twin}\n\nThe end."
    new = f"Work began last year.\n\nOther news here.\n\n{sentence[:-1]}, the{twin[3:]}\n\nThe end."
    assert carried(old, new, "river bridge will reopen") is None
    # The whole sentence, with the word that tells it from its twin, follows the move, as do the
    # shared words where it moved beside its twin as a sentence of its own.
    assert carried(old, new, sentence[:-1]) == span_of(new, sentence[:-1])
    apart = f"Work began last year.\n\nOther news here.\n\n{sentence} {twin}\n\nThe end."
    assert carried(old, apart, "river bridge will reopen") == span_of(apart, "river bridge will reopen")


def test_a_sentence_edited_in_place_while_its_whole_paragraph_was_copied_elsewhere_does_not_follow_the_copy():
    # The notice's paragraph inserted again earlier, and its second sentence rewritten (or cut)
    # where it stood: read as a move, the edit would have moved the sentence and also copied the
    # sentence before it, which stayed. The passage was edited (deleted) in place: orphaned.
    notice = "This article is part of our continuing coverage. Follow us on social media for updates."
    passage = "Follow us on social media for updates."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], blocks[1], notice, blocks[2], blocks[3]])
    for edited in ["often reportedly on social really often new", ""]:
        new = "\n\n".join([blocks[0], notice, blocks[1], notice.replace(passage, edited).strip(), *blocks[2:]])
        assert carried(old, new, passage) is None
    # Moved alone, with none of what stood beside it, it follows the move.
    moved = "\n\n".join([blocks[0], passage, blocks[1], notice.replace(passage, "").strip(), *blocks[2:]])
    assert carried(old, moved, passage) == span_of(moved, passage)


def test_an_edge_sentence_edited_into_words_a_copy_kept_elsewhere_holds_follows_the_edit():
    # The old text holds the edited words again in a sentence the edit kept in its place: that
    # copy is still there, so the passage's new text cannot be it.
    old = ("Cameras are getting smaller and nimbler, which attracts photographers and also consumers.\n\n"
           'The "selfie" has become one of the best known trends in photography.\n\n'
           'Council members said the "selfie" has become a problem on the bridge.\n\n' + ARTICLE)
    passage = 'smaller and nimbler, which attracts photographers and also consumers.\n\nThe "selfie" has become'
    new = old.replace('The "selfie" has become one', '"selfie" has become one')
    assert carried(old, new, passage) == span_of(new, passage.replace('The "selfie"', '"selfie"'))
    # With that copy deleted, the passage may as well have been edited into it: orphaned.
    gone = new.replace('Council members said the "selfie" has become a problem on the bridge.\n\n', "")
    assert carried(old, gone, passage) is None


def test_a_passage_edited_into_part_of_itself_is_not_taken_for_that_part_of_its_pull_quote():
    # The sentence repeated as a pull quote, and each copy edited: the passage lost its first
    # word, and what is left is also part of the pull quote, edited elsewhere. Which copy the
    # passage is, the pull quote still standing, the copies' checks decide: it stays in place.
    quote = "Residents who attended the meeting said they were tired of waiting for the bridge to reopen."
    old = f"{ARTICLE}\n\n“{quote}”"
    pull_quote = quote.replace("meeting", "session")
    new = ARTICLE.replace("Residents who attended", "Residents attended") + f"\n\n“{pull_quote}”"
    passage = "who attended the meeting said they were tired of waiting"
    assert carried(old, new, passage) == span_of(new, passage.removeprefix("who "))


def test_a_short_last_paragraph_with_a_copy_moved_in_right_after_it_is_orphaned():
    # A notice that closes the text, and its copy from further up moved to the end beside it:
    # word for word either is the passage's, and the passage ends at the first or at the second.
    notice = "Continue reading the main story"
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], notice, *blocks[1:], notice])
    new = "\n\n".join([*blocks, notice, notice])
    assert carried(old, new, f"the council announced at the close.\n\n{notice}") is None


def test_a_paragraph_of_a_passage_deleted_and_brought_in_again_beside_it_is_orphaned():
    # "Advertisement" gone from inside the passage and standing again right after it: read as
    # deleted, the passage ends before it; read as its own paragraphs swapped, it holds it.
    blocks = ARTICLE.split("\n\n")
    notice = "Continue reading the main story"
    old = "\n\n".join([blocks[0], blocks[1], "Advertisement", notice, blocks[2], blocks[3]])
    new = "\n\n".join([blocks[0], blocks[1], notice, "Advertisement", blocks[2], blocks[3]])
    passage = f"decision before the end of the month.\n\nAdvertisement\n\n{notice}"
    assert carried(old, new, passage) is None
    # Deleted, and not brought in again, it leaves the passage lightly edited.
    deleted = "\n\n".join([blocks[0], blocks[1], notice, blocks[2], blocks[3]])
    assert carried(old, deleted, passage) == span_of(deleted, passage.replace("Advertisement\n\n", ""))


def test_a_paragraph_rewritten_in_place_while_a_copy_of_it_came_in_elsewhere_is_orphaned():
    # The notice's words replaced in its place between the same neighbours, and the notice inserted
    # word for word further on: read as a move, another paragraph came in just where it was; read
    # as rewritten in place, a copy of it was inserted. Either may be the passage's.
    notice = "Sign up for our newsletter to get the day's top stories delivered to your inbox every morning."
    rewritten = "new local often still often recent reportedly also stories major your every new"
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], notice, *blocks[1:]])
    new = "\n\n".join([blocks[0], rewritten, blocks[1], blocks[2], notice, blocks[3]])
    assert carried(old, new, "get the day's top") is None
    # Moved with nothing brought in where it stood, it follows the move.
    moved = "\n\n".join([blocks[0], blocks[1], blocks[2], notice, blocks[3]])
    assert carried(old, moved, "get the day's top") == span_of(moved, "get the day's top")


def test_a_passage_ending_in_a_paragraph_a_copy_now_follows_is_orphaned():
    # The closing notice inserted again after itself: word for word the copy reads as well as
    # inserted before it, and the passage's "Our" as the copy's, the passage then holding the
    # other copy whole.
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([*blocks, NOTICE])
    new = "\n\n".join([*blocks, NOTICE, NOTICE])
    assert carried(old, new, "the council announced at the close.\n\nOur") is None
    # So with a passage beginning in a paragraph a copy now precedes.
    old = "\n\n".join([NOTICE, *blocks])
    new = "\n\n".join([NOTICE, NOTICE, *blocks])
    assert carried(old, new, "today.\n\nThe city council") is None
    # A passage inside the notice, or with no copy beside it, is carried.
    assert carried(old, new, "Subscribe today") is not None
    beside = "\n\n".join([NOTICE, blocks[0], NOTICE, *blocks[1:]])
    assert carried(old, beside, "today.\n\nThe city council") == span_of(beside, "today.\n\nThe city council")


def test_a_passage_whose_lost_near_copy_differs_beyond_text_brought_in_beside_it_keeps_its_place():
    # The same paragraph twice but for one word, the later one cut, and a paragraph brought in
    # after the earlier one: after the words the copies share, the new text is neither copy's
    # neighbour, and before them it is the passage's own ("on Tuesday", not "on Friday").
    sentence = "The city council met on {} to discuss the new budget for the coming year and the roads."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([sentence.format("Tuesday"), *blocks[1:3], sentence.format("Friday"), blocks[3]])
    inserted = "A mission to do just that is already lined up for the spring."
    new = "\n\n".join([sentence.format("Tuesday"), inserted, *blocks[1:3], blocks[3]])
    for passage in ["to discuss the new budget for the coming year", "the coming year and the roads."]:
        assert carried(old, new, passage) == span_of(new, passage)
    # With that paragraph brought in before the earlier copy and none after, the side after it
    # still tells: the passage's own neighbour, kept.
    before = "\n\n".join([inserted, sentence.format("Tuesday"), *blocks[1:3], blocks[3]])
    assert carried(old, before, "to discuss the new budget") == span_of(before, "to discuss the new budget")
    # Where the side after it is the lost copy's neighbour, brought in anew, the copy may be the
    # one that stands there: orphaned, as before.
    moved = "\n\n".join([sentence.format("Tuesday"), blocks[3], *blocks[1:3]])
    assert carried(old, moved, "the coming year and the roads.") is None


def test_a_question_repeated_in_every_interview_keeps_its_place_when_another_copy_goes():
    # One interview cut, a notice brought in before the question of the next: the context the
    # copies share ("What inspired you to ") says nothing of which copy stands there, nor does
    # the notice beyond it, which neither copy had beside it; after it stands its own answer.
    question = "What inspired you to start a cooking page?"
    people = [("Anna Smith", "@anna_smith", "I always loved to cook for my family and friends."),
              ("Oleg Ilyin", "@oleg_ilyin", "I am still inspired by it every day, honestly."),
              ("Marjorie Olesya", "@cooking_backstage", "I am not a professional food photographer at all.")]
    blocks = [f"{name}\n\nAccount: {account}\n\n{question}\n\n— {answer}" for name, account, answer in people]
    old = "\n\n".join(blocks)
    notice = "This article is part of our continuing coverage. Follow us on social media for updates."
    new = "\n\n".join([blocks[0], blocks[1].replace(f"\n\n{question}", f"\n\n{notice}\n\n{question}")])
    passage = "start a cooking page?"
    at = old.index(passage, old.index("@oleg_ilyin"))
    found = anchor_many(new, [describe(old, at, at + len(passage))], old)[0]
    assert found == span_of(new, passage, occurrence=1)


def test_words_of_a_sentence_moved_beside_its_edited_near_twin_which_went_around_it_are_orphaned():
    # The sentence moved before its twin (one word apart), and the twin edited too: word for word
    # the twin's opening reads as the moved sentence and its end as its own, its words carried
    # both before and after where the sentence went, and which copy holds the words is a guess.
    sentence = ("Those in favour of a fine have said that the driver started the fight by shouting at the "
                "officer when the two were on the road.")
    twin = sentence.replace("on the road", "near the road")
    edited = twin.replace("the fight", "it")
    old = (f"The hearing near the court ended late. {sentence} The driver then tried to leave.\n\n{ARTICLE}"
           f"\n\n{twin}\n\nThe hearing will go on in June.")
    new = (f"The hearing near the court ended late. The driver then tried to leave.\n\n{ARTICLE}"
           f"\n\n{sentence} {edited}\n\nThe hearing will resume in June.")
    assert carried(old, new, "in favour of a fine have") is None
    # The twin left as it was, the sentence follows the move.
    kept = new.replace(edited, twin)
    assert carried(old, kept, "in favour of a fine have") == span_of(kept, "in favour of a fine have")


def test_a_passage_moved_with_its_own_neighbours_is_no_lost_copy():
    # The sentence moved before the one it followed, and a paragraph holding another copy of the
    # passage's words cut: the copy stood between other words ("against ... group"), and the
    # passage's own neighbours moved with it on both sides, so it is the passage that moved.
    other = "An analyst at a research group in Texas spoke to reporters about the base on Monday and again on Friday."
    claim = "He called the claim that the army is training the Islamic State at the base absurd."
    old = (f"{ARTICLE}\n\nThe base serves as an outpost in the fight against the Islamic State group.\n\n"
           f"{other} {claim}\n\nThe end.")
    new = f"{ARTICLE}\n\n{claim} {other}\n\nThe end."
    selector = describe(old, *span_of(old, "the Islamic State", 1))
    assert anchor_many(new, [selector], old)[0] == span_of(new, "the Islamic State")
    # A copy between the very same words could as well be the one that moved: orphaned.
    twin = old.replace("in the fight against the Islamic State group", "where some say the army is training the "
                       "Islamic State at night")
    selector = describe(twin, *span_of(twin, "the Islamic State", 1))
    assert anchor_many(new, [selector], twin)[0] is None


def test_a_sentence_moved_beside_its_edited_near_twin_and_held_whole_there_follows_the_move():
    # A word brought in after the twin's first word, and the alignment gave that first word to
    # the sentence moved right before it: the twin's words were carried before and after the
    # sentence's, but the new text holds the sentence whole there, every word of it its own.
    sentence = ("Those in favour of a fine have said that the driver started the fight by shouting at the "
                "officer when the two were on the road.")
    twin = sentence.replace("on the road", "near the road")
    old = (f"The hearing near the court ended late. {sentence} The driver then tried to leave.\n\n{ARTICLE}"
           f"\n\n{twin}\n\nThe hearing will go on in June.")
    edited = twin.replace("Those in", "Those also in")
    new = (f"The hearing near the court ended late. The driver then tried to leave.\n\n{ARTICLE}"
           f"\n\n{sentence} {edited}\n\nThe hearing will go on in June.")
    assert carried(old, new, "in favour of a fine have") == span_of(new, "in favour of a fine have")


def test_a_sentence_misspelt_where_it_stood_keeps_its_place_when_its_near_twin_moved_away_past_it():
    # The paragraph the twin opens moved further on than the sentence, and the paragraph after it
    # rewritten: its first word, the twin's, stands at the start again, kept there by the
    # alignment. The twin's words were carried before and after the sentence, which stands
    # between its own neighbours, edited where it stood: it keeps its place.
    fragment = "Lakeside is reportedly being investigated by"
    opening = (f"{fragment} the state auditor. According to the paper, the auditor asked whether the mayor "
               "had approved the contracts himself.")
    town = ("Lakeside is a town of twelve thousand people on the river. A spokesperson said the town had "
            "received a letter from the auditor.")
    rewritten = "Lakeside, on the river. A spokesperson said the town had received a letter from the auditor."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([opening, town, "An inquiry into potential", fragment, "After receiving a", *blocks])
    misspelt = fragment.replace("being", "beng")
    new = "\n\n".join([rewritten, "An inquiry into potential", misspelt, "After receiving a", blocks[0], opening,
                       *blocks[1:]])
    for passage, occurrence in [(fragment, 1), ("reportedly being", 1), (f"potential\n\n{fragment}", 0)]:
        found = anchor_many(new, [describe(old, *span_of(old, passage, occurrence))], old)[0]
        assert found == span_of(new, passage.replace("being", "beng"))


def test_a_sentence_moved_past_its_near_twin_which_the_alignment_swapped_with_it_is_on_its_own_words():
    # The sentence moved from the paragraph after its twin to right before it: word for word, the
    # alignment kept each in order, edited into the other ("its" made "the" and back). That reading
    # takes two edits of the words, the move none: each passage is on the copy of its own words.
    sentence = ("At first glance you might think you were looking at a very fancy coat rack with a single arm "
                "that hides its cable.")
    twin = sentence.replace("its cable", "the cable")
    intro = "The machine is the newest addition to the world of smart fitness equipment."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], twin, f"{intro} {sentence} {blocks[1]}", *blocks[2:]])
    new = "\n\n".join([blocks[0], f"{sentence} {twin}", f"{intro} {blocks[1]}", *blocks[2:]])

    def inside(text: str, whole: str, part: str) -> tuple[int, int]:
        at = text.index(whole) + whole.index(part)
        return at, at + len(part)

    for whole in (sentence, twin):
        for part in (whole, "looking at a very fancy coat", "a single arm that hides"):
            found = anchor_many(new, [describe(old, *inside(old, whole, part))], old)[0]
            assert found == inside(new, whole, part)


def test_a_sentence_moved_before_its_near_twin_with_both_misspelt_on_the_way_is_on_its_own_words():
    # The sentence moved from the end to right before its twin (one word apart), then a letter of
    # each changed, and the word that told the twin apart put in the heading the sentence left.
    # The alignment keeps the twin in order, edited into the sentence, and takes the sentence as
    # moved onto the twin: two words changed each way. Swapped, each copy takes its one letter:
    # the passage is on its own words.
    sentence = "Turn challenges into growth opportunities by fostering resilience within your team."
    twin = sentence.replace("into", "new")
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], twin, "Event Management Software", *blocks[1:3], "Resilience and Stress",
                        sentence])
    moved, edited_twin = sentence.replace("Turn", "Trn"), twin.replace("growth", "growtth")
    new = "\n\n".join([blocks[0], f"{moved} {edited_twin}", "Elent Management Software", *blocks[1:3],
                        "Resilience new and Stress"])
    assert carried(old, new, sentence) == span_of(new, moved)
    assert carried(old, new, twin) == span_of(new, edited_twin)


def test_a_passage_ending_in_a_sentence_cut_beside_its_near_copy_is_not_carried_across_the_break():
    # "... it. Otherwise, you could try X, which has a whole suite." / "Otherwise, you could try
    # X, which has very whole suite.": the sentence cut, and the paragraph after it, its near-copy,
    # edited. Word for word the passage's last words stayed, a paragraph break put before them;
    # but they now open a paragraph, as the copy's did, and the copy is gone: either may be them.
    lead = "If you already have a camera, recycle and repurpose it."
    sentence = "Otherwise, you could try a camera like the Link 2, which has a whole suite of tricks to help you."
    twin = sentence.replace("a whole", "very whole")
    old = f"{ARTICLE}\n\n{lead} {sentence}\n\n{twin}"
    new = f"{ARTICLE}\n\n{lead} \n\n{twin.replace(', which', ', Which')}"
    assert carried(old, new, "it. Otherwise, you could try") is None
    assert carried(old, new, "recycle and repurpose it.") == span_of(new, "recycle and repurpose it.")
    # The sentence made a paragraph of its own, its copy still there: the passage follows.
    split = f"{ARTICLE}\n\n{lead}\n\n{sentence}\n\n{twin}"
    assert carried(old, split, "it. Otherwise, you could try") == span_of(split, "it.\n\nOtherwise, you could try")


def _carried_copy(old: str, new: str, passage: str, occurrence: int) -> tuple[int, int] | None:
    return anchor_many(new, [describe(old, *span_of(old, passage, occurrence))], old)[0]


def test_a_passage_whose_paragraph_had_a_copy_moved_right_beside_it_and_one_of_the_two_edited_is_orphaned():
    # The paragraph stood twice; one copy moved right before the other, then a word at the end of
    # the first of the two changed. Either the copy moved in before the passage's paragraph and was
    # edited, or it moved in after it and the passage's paragraph was edited: each takes a move and
    # a word, and each of the two keeps one of the passage's old neighbours.
    repeated = "On Thursday, the mayor took to social media and accused the council of delaying the vote."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], repeated, blocks[1], blocks[2], repeated, blocks[3]])
    passage = "the mayor took to social media"
    edited = repeated.replace("the vote.", "the polls")
    new = "\n\n".join([blocks[0], blocks[1], blocks[2], edited, repeated, blocks[3]])
    assert _carried_copy(old, new, passage, 1) is None
    # Nothing moved, the passage's paragraph edited where it stood: no doubt which copy it is.
    in_place = "\n\n".join([blocks[0], repeated, blocks[1], blocks[2], edited, blocks[3]])
    assert _carried_copy(old, in_place, passage, 1) == span_of(in_place, passage, 1)
    # The copy moved elsewhere, the passage's paragraph between its own neighbours still.
    apart = "\n\n".join([blocks[0], blocks[1], edited, blocks[2], repeated, blocks[3]])
    assert _carried_copy(old, apart, passage, 1) == span_of(apart, passage, 1)


def test_a_quote_opening_two_sentences_of_a_paragraph_follows_its_sentence_when_the_two_are_reordered():
    # "“Q” See ... “Q” Nobody ..." made "“Q” Nobody ... “Q” See ...": the passage's quote now stands
    # where the other opened the paragraph, but each quote kept the words after it.
    quote = "“Three years, three years, three years…”"
    first, second = f"{quote} See, this is so natural here!", f"{quote} Nobody questions it, as everyone knows why."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], blocks[1], f"{first} {second}", blocks[2], blocks[3]])
    new = "\n\n".join([blocks[0], blocks[1], f"{second} {first}", blocks[2], blocks[3]])
    passage = "“Three years, three"
    assert carried(old, new, passage) == span_of(new, passage, 1)


def test_a_sentence_moved_inside_its_paragraph_is_not_placed_on_its_copy_standing_as_a_paragraph():
    # "S Please click ... section." then "S" as a paragraph, and the paragraph after it cut; the
    # two sentences of the first swapped. Word for word the alignment keeps the paragraph "S" as
    # the passage's and takes the other copy as moved; but the sentences of the passage's
    # paragraph now stand around that other copy: the swapped reading fits better, and the
    # passage is not left on the copy.
    sentence = "We have split up our large catalog into ten sections to make it easier for you to view."
    other = "Please click the links below to view the publications of each section."
    cut = "If you do not see the products you want, call us."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([f"{sentence} {other}", sentence, cut, blocks[1], blocks[2]])
    new = "\n\n".join([f"{other} {sentence}", sentence, blocks[1], blocks[2]])
    assert carried(old, new, "make it easier for you") is None
    # Nothing moved, the sentence edited where it stood: it is there.
    edited = sentence.replace("large", "big")
    in_place = "\n\n".join([f"{edited} {other}", sentence, blocks[1], blocks[2]])
    assert carried(old, in_place, "make it easier for you") == span_of(in_place, "make it easier for you")


def test_a_sentence_whose_pull_quote_and_copy_moved_before_it_is_not_placed_on_the_pull_quote():
    # "S Was it ...? Why ...?" opening a paragraph, "“S”" and "S" as paragraphs further on; the
    # two moved right before it and the sentence after it cut. The pull quote now has the
    # passage's old neighbour before it, but the passage's paragraph is the one that still holds
    # the sentences that stood with it: which copy is the passage is a guess.
    sentence = "Is it fair to say that the event was neither as bad as the sceptics feared, nor as good as hoped?"
    after = "Was it a misjudgement to hold the opening on a Monday?"
    rest = "Why have some fans stayed away?"
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], f"{sentence} {after} {rest}", blocks[1], blocks[2], f"“{sentence}”", sentence,
                       blocks[3]])
    new = "\n\n".join([blocks[0], f"“{sentence}”", sentence, f"{sentence} {rest}", blocks[1], blocks[2], blocks[3]])
    assert carried(old, new, sentence) is None
