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


def test_a_passage_moved_with_its_second_word_changed_on_the_way_follows_the_move():
    # "Camera gear and" moved and made "Camera you and": the words brought in before the rest
    # of it begin with its first word and are a light edit of it, so they are its edge.
    original = "Camera gear and computer equipment made from recycled materials minimize waste."
    twin = original.replace("materials", "still")
    old = (f"Photography can reduce waste. {original} Solar power helps too.\n\nAnother paragraph stands here.\n\n"
           f"{twin}\n\nThe end.")
    edited = original.replace("gear", "you")
    new = (f"Photography can reduce waste. Solar power helps too.\n\nAnother paragraph stands here.\n\n"
           f"{edited} {twin}\n\nThe end.")
    assert carried(old, new, original) == span_of(new, edited)
    # The same when the text around it stays and it is the one that moved.
    old = (f"Photography can support sustainability by reducing waste. {original} Solar power and rechargeable "
           f"batteries help too.\n\nSome other paragraph stands here with a few words.\n\n{twin}\n\nThe end.")
    new = old.replace(f" {original}", "").replace(f"{twin}", f"{edited} {twin}")
    assert carried(old, new, original) == span_of(new, edited)


def test_a_sentence_moved_beside_its_near_twin_which_moved_too_follows_its_move():
    # The twin's move takes the near-copy words of the block both went to; the sentence, with a
    # word inserted on the way, takes the rest, and its full stop, rather than being orphaned.
    original = "It also ranked among the most popular options for small businesses in the Novo analysis."
    twin = original.replace("small", "also")
    intro = "Several programs compete for the attention of small firms, and they differ in price."
    taxact = ("TaxAct is a more affordable alternative while offering similar features and support. {}"
              "TaxAct can help small businesses maximize their deductions.")
    close = "Choose the one that fits your situation or your wish for expert help."
    old = "\n\n".join([intro, twin, "UltraTax ranked as the top choice of accountants.", taxact.format(original + " "),
                       close, "What software do tax professionals use?"])
    edited = original.replace("It also", "It new also")
    new = "\n\n".join([intro, "UltraTax ranked as the top choice of accountants.", taxact.format(""), close,
                       f"{edited} {twin}", "What software do tax professionals use?"])
    assert carried(old, new, original) == span_of(new, edited)


def test_repeated_text_deleted_in_one_place_and_inserted_in_another_is_no_move():
    boilerplate = "Sign up for our newsletter to get the day's top stories delivered to your inbox every morning."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], boilerplate, blocks[1], blocks[2], boilerplate, blocks[3]])
    new = "\n\n".join([blocks[0], blocks[1], blocks[2], boilerplate, blocks[3], boilerplate])
    # Word for word the first copy moved to the end; as likely, it went and a copy came in.
    assert carried(old, new, boilerplate) is None


def test_a_passage_across_two_near_twins_that_swapped_places_is_orphaned():
    # Word for word, "T. O." become "O. T." reads as the two words that tell them apart
    # swapped in place: a passage from the end of one into the start of the other is a guess.
    original = "Ok, I could not help but include one more camera, as people ask me which Canon cameras suit beginners."
    twin = original.replace("Canon", "recent")
    old = f"{ARTICLE}\n\n{twin}\n\n{original} The EOS RP is a fine mirrorless camera.\n\nThe end."
    new = f"{ARTICLE}\n\n{original} {twin}\n\nThe EOS RP is a fine mirrorless camera.\n\nThe end."
    at = old.index(twin) + twin.index("suit")
    passage = old[at : old.index(original) + original.index(" as people")]
    assert carried(old, new, passage) is None


def test_a_passage_whose_last_sentence_was_edited_nearer_a_sentence_kept_whole_elsewhere_follows_the_edit():
    # Word for word "Entry is free for all children." is nearer the first paragraph than the
    # passage's own sentence, but that paragraph is still whole in its place: reading the
    # new sentence as a copy of it takes the copy and the passage's sentence deleted.
    first = ("The museum reopened last week after two years of work on its roof, its galleries and the old "
             "reading room, and the council expects more visitors than ever before this summer. ")
    old = (f"Entry is free for children.\n\nOpening hours are longer in summer.\n\n{first}"
           "Entry is free for children under twelve and students.\n\nThe cafe stays closed.")
    new = old.replace("free for children under twelve and students.", "free for all children.")
    passage = first + "Entry is free for children under twelve and students."
    assert carried(old, new, passage) == span_of(new, first + "Entry is free for all children.")


def test_a_passage_ending_inside_a_sentence_its_near_twin_was_merged_in_front_of_is_orphaned():
    # "First," could be the twin's, moved in before the sentence, or the sentence's own: the
    # sentence's words stand around a copy of them.
    twin = "First, look around the course to try and find the answers to your questions."
    own = "First, look very closely at the course to try and find the answers to your questions."
    lead = "It helps to have a quiet space of your own where you can shut the door and keep your books at hand."
    old = f"{ARTICLE}\n\n{twin}\n\n{lead}\n\n{own}\n\nThe end."
    new = f"{ARTICLE}\n\n{lead}\n\n{twin[:-1]}, f{own[1:]}\n\nThe end."
    assert carried(old, new, f"{lead}\n\nFirst,") is None
    assert carried(old, new, lead) == span_of(new, lead)


def test_a_passage_ending_inside_a_sentence_whose_rest_moved_away_from_a_copy_of_its_start_is_orphaned():
    # Edits move whole sentences: "For example," carried in order while the rest of its
    # sentence went elsewhere is as likely the list item's, moved into its place.
    lead = "Predictive analysis works towards identifying what can happen."
    own = "For example, a bike shop might use predictive analysis to forecast its sales in spring from past years."
    item = "For example, a bike shop might"
    old = f"{lead}\n\n{own}\n\n{ARTICLE}\n\n{item}\n\nThe end."
    new = f"{lead}\n\n{item}\n\n{ARTICLE}\n\n{own}\n\nThe end."
    assert carried(old, new, "what can happen.\n\nFor example,") is None
    assert carried(old, new, lead) == span_of(new, lead)


def test_a_passage_ending_in_the_first_word_of_a_sentence_moved_on_past_new_text_is_orphaned():
    # "Timeline" went with its sentence after the next paragraph: the passage either ends
    # there, holding that paragraph, or before it; the edit cannot say.
    body = "If this involves altering load-bearing walls or building new rooms, that will still stretch the timeline."
    old = f"{ARTICLE}\n\n{body}\n\nTimeline estimate: one week\n\nFinal inspection and site clean up.\n\nThe end."
    new = f"{ARTICLE}\n\n{body}\n\nFinal inspection and site clean up. Timeline estimate: one week.\n\nThe end."
    assert carried(old, new, f"{body}\n\nTimeline") is None
    assert carried(old, new, body) == span_of(new, body)


def test_a_passage_ending_inside_words_each_replaced_by_one_ends_on_the_same_word():
    # "this sort" -> "thts soort": two words for two, so the passage ending after the first
    # ends after its replacement, no guess in proportion.
    old = ARTICLE.replace("The library", "Buy a lens for it.\n\nLenses of this sort usually help. The library")
    new = old.replace("Lenses of this sort", "Lenes of thts soort")
    assert carried(old, new, "for it.\n\nLenses of this") == span_of(new, "for it.\n\nLenes of thts")


def test_a_passage_in_a_moved_paragraph_whose_first_word_was_changed_on_the_way_follows_it():
    # "there. Named for" moved and made "there; named for": the words changed inside the
    # moved text map onto their replacements as they would where nothing moved.
    paragraph = ("You could drive past it and not even notice it's there. Named for Chef Russ Johnson, R&J is "
                 "his nod to the culture of classic cool. The lounge is heavy on cocktails.")
    passage = "Named for Chef Russ Johnson, R&J is his nod to the culture of classic cool."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], paragraph, *blocks[1:]])
    edited = paragraph.replace("there. Named", "there; named")
    new = "\n\n".join([*blocks, edited])
    assert carried(old, new, passage) == span_of(new, passage.replace("Named", "named"))


def test_a_sentence_repeated_as_a_pull_quote_moved_inside_its_paragraph_follows_the_move():
    sentence = "The bridge stays closed until next year."
    first = "Residents who live along the river were told about it at a long meeting on Monday evening."
    old = (f"{sentence} {first} Many of them were angry and said so.\n\n{ARTICLE}\n\n{sentence}\n\n"
           "The end of the article.")
    new = old.replace(f"{sentence} {first}", f"{first} {sentence}", 1)
    assert carried(old, new, sentence) == span_of(new, sentence)


def test_a_sentence_moved_and_merged_onto_its_near_twin_follows_the_move():
    # Moved in front of its near-twin and joined to it, its full stop made a comma: the edge
    # lost a mark only, so it ends where its words went, whatever the edit brought in after.
    original = "Further, at graduate level, some of the best business schools offer alternatives to MBA programs."
    twin = original.replace("Further, at", "Further, also")
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], twin, blocks[1], blocks[2], f"{original} For instance, one is well known.",
                       blocks[3]])
    edited = original.replace("graduate", "grdauate")[:-1]
    merged = f"{edited}, {twin[0].lower()}{twin[1:]}"
    new = "\n\n".join([blocks[0], "A paragraph the edit brought in.", merged, blocks[1], blocks[2],
                       "For instance, one is well known.", blocks[3]])
    assert carried(old, new, original) == span_of(new, edited)
    # Its first word lost on the way and words brought in there, where it begins is still a guess.
    guessed = new.replace(edited, edited.replace("Further,", "Moreover"))
    assert carried(old, guessed, original) is None


def test_a_moved_passage_whose_opening_mark_was_lost_on_the_way_begins_where_its_words_went():
    # Its opening quotation mark dropped and words brought in before it in the same sentence:
    # the edge lost a mark only, so those words are not taken for its edge, nor leave it to a guess.
    original = '"Further, at graduate level, some of the best business schools offer alternatives to MBA programs."'
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], blocks[1], blocks[2], f"{original} For instance, one is well known.", blocks[3]])
    edited = original[1:].replace("graduate", "grdauate")
    new = "\n\n".join([blocks[0], "A paragraph the edit brought in.", f"And yet, {edited}", blocks[1], blocks[2],
                       "For instance, one is well known.", blocks[3]])
    assert carried(old, new, original) == span_of(new, edited)


def test_a_sentence_moved_with_its_first_words_edited_word_for_word_follows_the_move():
    # Moved up as a paragraph of its own, its first word replaced by another, or a word among its
    # first ones misspelt (too few kept before it to count as moved): the sentence's opening,
    # edited word for word as it moved, is where the rest of it went.
    original = "Further, at graduate level, some of the best business schools offer alternatives to MBA programs."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([*blocks[:3], f"Many apply. {original} For instance, one is well known.", blocks[3]])
    for edited in [original.replace("Further", "Moreover"), original.replace("at graduate", "at gradaute")]:
        new = "\n\n".join([blocks[0], edited, *blocks[1:3], "Many apply. For instance, one is well known.",
                           blocks[3]])
        assert carried(old, new, original) == span_of(new, edited)
    # So with a passage of its opening words alone, misspelt there.
    assert carried(old, new, "Further, at graduate level") == span_of(new, "Further, at gradaute level")
    # Its first words replaced by fewer or more: where it begins is still a guess.
    fewer = "\n\n".join([blocks[0], original.replace("Further, at", "At"), *blocks[1:3],
                         "Many apply. For instance, one is well known.", blocks[3]])
    assert carried(old, fewer, original) is None


def test_a_short_paragraph_moved_after_a_paragraph_brought_in_follows_the_move():
    # A line of three words deleted in one place and found whole, as a paragraph of its own, at
    # the end of a larger block the edit brought in elsewhere: it moved there.
    blocks = ARTICLE.split("\n\n")
    line, notice = "Its fleet of", "Follow us on social media for updates."
    old = "\n\n".join([blocks[0], line, *blocks[1:]])
    new = "\n\n".join([blocks[0], blocks[1], notice, line, *blocks[2:]])
    assert carried(old, new, line) == span_of(new, line)
    # Brought in twice, either copy may be the one that moved.
    twice = "\n\n".join([blocks[0], blocks[1], line, notice, line, *blocks[2:]])
    assert carried(old, twice, line) is None


def test_a_paragraph_moved_edited_and_lengthened_by_more_new_text_than_its_own_is_orphaned():
    # "Sign up for our newsletter to get the" cut, and the whole notice put in further on with a
    # word added: word for word the paragraph moved there, a word put inside it and a sentence's
    # worth of words after it; as well, it was deleted and a new paragraph sharing its words put
    # in. The passage may be gone, so it is orphaned.
    cut = "Sign up for our newsletter to get the"
    notice = "Sign up for our daily newsletter to get the day's top stories delivered to your inbox every morning."
    blocks = ARTICLE.split("\n\n")
    old = "\n\n".join([blocks[0], cut, blocks[1], blocks[2], blocks[3]])
    new = "\n\n".join([blocks[0], blocks[1], blocks[2], notice, blocks[3]])
    passage = "up for our newsletter to get"
    assert carried(old, new, passage) is None
    # Moved and edited alone, or moved whole and lengthened, it follows the move.
    moved = "\n\n".join([blocks[0], blocks[1], blocks[2], cut.replace("our", "our daily"), blocks[3]])
    assert carried(old, moved, passage) == span_of(moved, "up for our daily newsletter to get")
    longer = f"{cut} latest stories from the team, delivered to your inbox every morning."
    lengthened = "\n\n".join([blocks[0], blocks[1], blocks[2], longer, blocks[3]])
    assert carried(old, lengthened, passage) == span_of(lengthened, passage)
