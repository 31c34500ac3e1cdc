import json
from pathlib import Path

import pytest

from server.anchoring import CONTEXT, Selector, anchor, anchor_many, describe, locate, normalize

VECTORS = json.loads((Path(__file__).resolve().parents[3] / "schema" / "anchoring-vectors.json").read_text())

ARTICLE = "\n\n".join(
    [
        "The city council met on Tuesday to discuss the new budget. Members argued for hours about "
        "the cost of road repairs and the future of the central library.",
        "Sign up for our newsletter to get the day's top stories delivered to your inbox.",
        "The mayor said the library would stay open on weekends. Critics replied that the plan "
        "ignored the needs of families in the northern districts.",
        "Sign up for our newsletter to get the day's top stories delivered to your inbox.",
        "A final vote is expected next month, after a public hearing at the town hall where residents "
        "can speak for three minutes each.",
    ]
)


def span_of(text: str, passage: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(passage, start + 1)
    return start, start + len(passage)


# --- normalize ---------------------------------------------------------------------------


def test_normalize_maps_each_character_back_to_its_source():
    text = "a \u00a0\nb\u00adc \u201cd\u201d \u2014 e\u2026"
    normalized, index_map = normalize(text)
    assert normalized == 'a bc "d" - e...'
    assert len(index_map) == len(normalized)
    assert index_map[:4] == [0, 1, 4, 6]  # the whitespace run starts at 1; the soft hyphen at 5 is gone
    assert index_map[-3:] == [len(text) - 1] * 3  # all three dots come from the ellipsis


def test_normalize_keeps_case_and_does_not_fold_compatibility_characters():
    assert normalize("Ｆｕｌｌ ﬁ Case")[0] == "Ｆｕｌｌ ﬁ Case"


# --- describe ----------------------------------------------------------------------------


def test_describe_takes_the_quote_and_context_on_each_side():
    start, end = span_of(ARTICLE, "the central library")
    selector = describe(ARTICLE, start, end)
    assert selector == Selector(
        exact="the central library",
        prefix=ARTICLE[start - CONTEXT : start],
        suffix=ARTICLE[end : end + CONTEXT],
        start=start,
        end=end,
    )
    assert len(selector.prefix) == len(selector.suffix) == CONTEXT


def test_describe_shortens_context_at_the_edges_of_the_text():
    selector = describe("short text", 0, 5)
    assert (selector.prefix, selector.exact, selector.suffix) == ("", "short", " text")


def test_describe_refuses_a_span_outside_the_text():
    with pytest.raises(ValueError):
        describe("abc", 2, 5)


# --- locate ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", VECTORS, ids=[case["name"] for case in VECTORS])
def test_locate_agrees_with_the_shared_vectors(case):
    found = locate(case["text"], case["quote"], case["prefix"], case["suffix"], case.get("start"), case.get("end"))
    assert found == (tuple(case["expected"]) if case["expected"] is not None else None)


def test_locate_trusts_offsets_that_hold_the_quote():
    start, end = span_of(ARTICLE, "Sign up", occurrence=1)
    assert locate(ARTICLE, "Sign up", start=start, end=end) == (start, end)


def test_locate_uses_context_from_the_live_page_to_choose_between_repeats():
    second = span_of(ARTICLE, "Sign up for our newsletter", occurrence=1)
    live_prefix = "the needs of families in the northern\u00a0districts.\n"
    assert locate(ARTICLE, "Sign  up for our newsletter", prefix=live_prefix) == second


def test_locate_ignores_whitespace_as_a_last_resort():
    assert locate("the boldclaim is here", "bold claim") == (4, 13)
    assert locate("Rated: foobar rules.", "foo bar", prefix="Rated:") == (7, 13)


def test_locate_gives_none_for_text_that_is_not_there():
    assert locate(ARTICLE, "the central station") is None


# --- anchor ------------------------------------------------------------------------------


def test_anchor_finds_the_passage_in_unchanged_text():
    start, end = span_of(ARTICLE, "The mayor said the library would stay open on weekends.")
    assert anchor(ARTICLE, describe(ARTICLE, start, end)) == (start, end)


def test_anchor_follows_text_inserted_before_the_passage():
    passage = "Critics replied that the plan ignored the needs of families"
    selector = describe(ARTICLE, *span_of(ARTICLE, passage))
    edited = "Updated at noon with new quotes.\n\n" + ARTICLE
    assert anchor(edited, selector) == span_of(edited, passage)


def test_anchor_survives_whitespace_and_punctuation_changes():
    passage = "the library would stay open on weekends"
    selector = describe(ARTICLE, *span_of(ARTICLE, passage))
    edited = ARTICLE.replace("The mayor said the library would stay open",
                             "The mayor said the library\u00a0would\n stay open")
    found = anchor(edited, selector)
    assert found is not None
    assert edited[found[0] : found[1]] == "the library\u00a0would\n stay open on weekends"


def test_anchor_re_attaches_a_lightly_edited_passage():
    passage = "Members argued for hours about the cost of road repairs"
    selector = describe(ARTICLE, *span_of(ARTICLE, passage))
    edited = ARTICLE.replace("argued for hours", "argued for many hours").replace("road", "raod")
    found = anchor(edited, selector)
    assert found == span_of(edited, "Members argued for many hours about the cost of raod repairs")


def test_anchor_orphans_a_deleted_passage():
    passage = "Critics replied that the plan ignored the needs of families in the northern districts."
    selector = describe(ARTICLE, *span_of(ARTICLE, passage))
    assert anchor(ARTICLE.replace(passage, ""), selector) is None


def test_anchor_orphans_deleted_boilerplate_rather_than_moving_it_to_its_twin():
    blocks = ARTICLE.split("\n\n")
    assert blocks[1] == blocks[3]
    selector = describe(ARTICLE, *span_of(ARTICLE, blocks[3], occurrence=1))
    edited = "\n\n".join(blocks[:3] + blocks[4:])  # the second newsletter paragraph is gone
    assert anchor(edited, selector) is None


def test_anchor_keeps_two_highlights_of_identical_text_apart():
    first = span_of(ARTICLE, "Sign up for our newsletter")
    second = span_of(ARTICLE, "Sign up for our newsletter", occurrence=1)
    selectors = [describe(ARTICLE, *first), describe(ARTICLE, *second)]
    edited = ARTICLE.replace("to discuss the new budget", "to discuss the budget")
    shift = len("to discuss the budget") - len("to discuss the new budget")
    expected = [(first[0] + shift, first[1] + shift), (second[0] + shift, second[1] + shift)]
    assert [anchor(edited, s) for s in selectors] == expected
    assert anchor_many(edited, selectors, ARTICLE) == expected


def test_anchor_does_not_move_onto_a_similar_sentence_elsewhere():
    text = (
        "The board approved the annual budget on Monday evening after a long debate.\n\n"
        "Other business was postponed.\n\n"
        "Later, the board approved the annual budget for the schools on Monday evening."
    )
    passage = "The board approved the annual budget on Monday evening"
    selector = describe(text, *span_of(text, passage))
    edited = text.replace(passage + " after a long debate.", "")
    assert anchor(edited, selector) is None


def test_anchor_orphans_a_heavily_rewritten_passage():
    passage = "A final vote is expected next month"
    selector = describe(ARTICLE, *span_of(ARTICLE, passage))
    edited = ARTICLE.replace(passage, "The decisive ballot should come in December")
    assert anchor(edited, selector) is None


def test_anchor_follows_a_moved_paragraph_by_its_context():
    blocks = ARTICLE.split("\n\n")
    passage = "the library would stay open on weekends"
    selector = describe(ARTICLE, *span_of(ARTICLE, passage))
    edited = "\n\n".join([blocks[2], blocks[0], blocks[1], blocks[3], blocks[4]])
    assert anchor(edited, selector) == span_of(edited, passage)


def test_anchor_without_offsets_uses_quote_and_context():
    start, end = span_of(ARTICLE, "public hearing")
    selector = describe(ARTICLE, start, end)
    bare = Selector(exact=selector.exact, prefix=selector.prefix, suffix=selector.suffix)
    assert anchor("Intro.\n\n" + ARTICLE, bare) == (start + 8, end + 8)


def test_anchor_places_a_quote_without_context_only_where_it_is_unique():
    text = "An imported note. The river rose three metres overnight. Then the bridge closed."
    quote = "The river rose three metres overnight"
    assert anchor(text, Selector(exact=quote)) == (text.index(quote), text.index(quote) + len(quote))
    repeated = f"{text} {quote}."
    assert anchor(repeated, Selector(exact=quote)) is None
    assert anchor(text, Selector(exact="the bridge")) is None  # too short to vouch for itself


def test_anchor_gives_none_for_an_empty_quote():
    assert anchor(ARTICLE, Selector(exact=" \n ")) is None


# --- anchor_many -------------------------------------------------------------------------


def test_anchor_many_matches_anchor_one_by_one():
    passages = [
        "The city council met on Tuesday",
        "the cost of road repairs",
        "Sign up for our newsletter",
        "Critics replied that the plan ignored",
        "at the town hall",
    ]
    selectors = [describe(ARTICLE, *span_of(ARTICLE, p)) for p in passages]
    edited = (
        "Breaking update.\n\n"
        + ARTICLE.replace("road repairs", "road  repairs").replace(
            "Critics replied that the plan ignored", "Critics replied that this plan ignored"
        )
    )
    found = anchor_many(edited, selectors, ARTICLE)
    assert found == [anchor(edited, s) for s in selectors]
    assert [edited[a:b] for a, b in filter(None, found)] == [
        "The city council met on Tuesday",
        "the cost of road  repairs",
        "Sign up for our newsletter",
        "Critics replied that this plan ignored",
        "at the town hall",
    ]


def test_anchor_many_with_nothing_to_anchor():
    assert anchor_many(ARTICLE, []) == []


def test_anchor_re_attaches_a_long_passage_with_a_few_edits():
    paragraphs = [f"Paragraph {n} tells part {n * 7} of the long story, with detail number {n * 13}."
                  for n in range(80)]
    text = "\n\n".join(paragraphs)
    start, end = span_of(text, paragraphs[10])[0], span_of(text, paragraphs[60])[1]
    selector = describe(text, start, end)
    assert end - start > 3000
    edited = "A new first paragraph.\n\n" + text.replace("part 210 ", "part  210 ").replace(
        "story, with detail number 390", "story with detail 390")
    found = anchor(edited, selector)
    assert found == (span_of(edited, paragraphs[10])[0], span_of(edited, paragraphs[60])[1])
    assert anchor(edited.replace(edited[found[0] : found[1]], "Removed."), selector) is None


# --- copies of a passage, edges ----------------------------------------------------------

RIVER = [
    "The river authority published its annual report on Monday, listing the repairs planned for the coming year.",
    "Engineers found cracks in two of the older locks near the harbour, and both will close for inspection in spring.",
    "Traffic on the canal grew by a fifth last year, mostly barges carrying grain and building materials to the city.",
    "The authority also plans to replace the wooden footbridge at the mill with a steel one "
    "before the summer festival.",
    "Local boat clubs welcomed the plans but asked for the works to be scheduled outside the racing season in June.",
    "Funding comes from a national programme for inland waterways that runs until the end of the decade.",
    "Critics said the report was silent on the rising cost of dredging the channel, which has doubled since 2015.",
    "A public meeting on the plans will be held at the town hall on the first Thursday of next month.",
]
CRITICS = RIVER[6]
COST = "rising cost of dredging"  # deep inside CRITICS: its context is all inside the sentence


def with_pull_quote(paragraphs: list[str], after: int) -> str:
    """The article with CRITICS repeated as a pull quote after paragraph `after`."""
    blocks = list(paragraphs)
    blocks.insert(after + 1, f"\u201c{CRITICS}\u201d")
    return "\n\n".join(blocks)


def river_selectors(old: str) -> list:
    """One highlight in every other paragraph (they place the text), then COST in the article
    itself (the second occurrence: the first is in the pull quote)."""
    return [describe(old, *span_of(old, p[10:60])) for p in RIVER if p != CRITICS] + [
        describe(old, *span_of(old, COST, occurrence=1))
    ]


def test_anchor_many_orphans_a_passage_whose_copy_is_all_that_is_left():
    old = with_pull_quote(RIVER, after=1)
    edited = with_pull_quote([p for p in RIVER if p != CRITICS], after=1)  # the sentence itself was cut
    found = anchor_many(edited, river_selectors(old), old)
    assert all(f is not None for f in found[:-1])
    assert found[-1] is None  # not moved onto the pull quote, which was there all along


def test_anchor_many_follows_a_moved_paragraph_past_the_copy_of_its_passage():
    old = with_pull_quote(RIVER, after=1)
    moved = [p for p in RIVER if p != CRITICS] + [CRITICS]  # the paragraph went to the end
    edited = with_pull_quote(moved, after=1)
    assert edited.count(COST) == 2
    # The edit shows the paragraph moved: its passage goes with it, not onto the pull quote.
    assert anchor_many(edited, river_selectors(old), old)[-1] == span_of(edited, COST, occurrence=1)
    # The quote and its context alone cannot tell the two copies apart.
    assert anchor(edited, river_selectors(old)[-1]) is None


def test_anchor_many_picks_the_copy_that_stands_between_its_neighbours():
    old = with_pull_quote(RIVER, after=4)  # the pull quote just before the paragraph ahead of CRITICS
    filler = " ".join(["An unrelated paragraph about the weather fills the page and says nothing new."] * 9)
    edited = with_pull_quote(RIVER[:6] + [filler] + RIVER[6:], after=4)
    selectors = [
        describe(old, *span_of(old, RIVER[5][20:60])),  # the nearest neighbour, before the inserted text
        describe(old, *span_of(old, RIVER[0][10:60])),
        describe(old, *span_of(old, RIVER[7][64:90])),  # after it
        describe(old, *span_of(old, COST, occurrence=1)),
    ]
    # The neighbour before says "no shift" and the pull quote is nearer that guess than the
    # passage is; the neighbour after says the passage lies after the inserted paragraph.
    assert anchor_many(edited, selectors, old)[-1] == span_of(edited, COST, occurrence=1)


def test_anchor_keeps_invisible_characters_the_quote_ends_with():
    text = (
        "The band played a short set that matched the exciting rhythms of the drum!\n\n\u200b\n\n"
        "Our team, made up of three players, came on stage after the interval and stayed until late."
    )
    quote = "the drum!\n\n\u200b"
    selector = describe(text, *span_of(text, quote))
    edited = "Opening words.\n\n" + text.replace("short set", "brief set")
    assert anchor(edited, selector) == span_of(edited, quote)


def test_anchor_re_attaches_a_passage_edited_at_its_very_end_near_its_place():
    text = (
        "She said the two had been friends for a year. She described his threats in detail and said that a legal "
        "response was being discussed. The agency declined to comment further on Friday evening, a spokesman said."
    )
    passage = "She described his threats in detail and said that a legal response was being discussed."
    selector = describe(text, *span_of(text, passage))
    edited = text.replace("being discussed. The agency declined", "being prepared. The agency has declined")
    # the quote's last word and the start of its suffix changed: the end is pinned only loosely
    assert anchor(edited, selector) == span_of(edited, passage.replace("discussed", "prepared"))


def test_anchor_many_orphans_a_cut_paragraph_rather_than_take_its_pull_quote():
    old = with_pull_quote(RIVER, after=1)
    selectors = [describe(old, *span_of(old, p[10:60])) for p in RIVER if p != CRITICS]
    selectors.append(describe(old, *span_of(old, CRITICS, occurrence=1)))
    edited = with_pull_quote([p for p in RIVER if p != CRITICS], after=1)
    found = anchor_many(edited, selectors, old)
    assert all(f is not None for f in found[:-1]) and found[-1] is None


def test_anchor_prefers_the_edited_passage_in_its_context_to_a_copy_beside_it():
    notice = "Our journalism depends on readers like you. Subscribe today."
    text = (f"The grant was made after a long review of the research.\n\n{notice}\n\n{notice}\n\n"
            "Our best guess is that it pays off.")
    quote = "Our journalism depends on readers like you."
    selector = describe(text, *span_of(text, quote, occurrence=1))
    edited = text.replace(f"{notice}\n\nOur best", f"{notice.replace('depends', 'dlpends')}\n\nOur best")
    # the untouched copy just before is an exact match with half its context; the passage
    # itself, with one typo, has all of its context
    assert anchor(edited, selector) == span_of(edited, "Our journalism dlpends on readers like you.")


def eating_plan(plan: str) -> str:
    return (
        f"Menu for Eating Plan {plan}\n\nPre-Workout Meal\n\nEat 60 to 90 minutes before your workout\n\n"
        "Asparagus and Eggs [1 cup asparagus, 2 soft-boiled or poached eggs, half a cup of sweet potato, "
        "1 medium apple]\n\n"
        "Portion Fix Containers: 1 Green, 1 Purple, 1 Yellow\n\nPost-Workout Meal\n\n"
        "Eat 1 to 2 hours after your workout\n\n"
        "Chicken Zoodles [2 cups zucchini noodles, 3 oz. chicken breast, 1 tsp. sesame oil, a handful of cashews]\n\n"
        "Portion Fix Containers: 1 Green, 1 Red, 1 Blue"
    )


def test_anchor_many_keeps_passages_in_their_own_section_when_sections_repeat():
    notes = "\n\n".join(f"Week {w} notes: keep a steady pace, drink water and sleep seven hours a night."
                         for w in range(1, 12))
    old = ("How the plans differ, in short.\n\n" + eating_plan("C") + "\n\n" + notes + "\n\n" + eating_plan("D")
           + "\n\nGood luck.")
    second = old.index("Eating Plan D")
    quotes = ["2 soft-boiled or poached eggs, half a cup", "Portion Fix Containers: 1 Green, 1 Purple",
              "3 oz. chicken breast"]
    selectors = [describe(old, *span_of(old, "Week 3 notes"))] + [
        describe(old, old.index(q, second), old.index(q, second) + len(q)) for q in quotes
    ]
    # Only plan D, where the passages are, was edited: each quote (or its context) now
    # matches exactly only in plan C, a near copy that was there all along.
    plan_d = (old[second:].replace("eggs, half", "eggs half").replace("1 Yellow", "1 Yelow")
              .replace("[2 cups", "[3 cups"))
    edited = "Week plan.\n\n" + old[:second] + plan_d
    found = anchor_many(edited, selectors, old)
    second = edited.index("Eating Plan D")
    expected = ["2 soft-boiled or poached eggs half a cup", quotes[1], quotes[2]]
    assert found[1:] == [(edited.index(q, second), edited.index(q, second) + len(q)) for q in expected]


# --- Telling a passage from text that only looks like it -------------------------------


def test_anchor_many_orphans_a_passage_whose_twin_sentence_stood_right_before_it():
    sentence = ("It did not reveal the crash location and said it was withholding the names of those killed "
                "until next of kin could be told.")
    old = (
        "Two service members have been killed in a helicopter crash in Afghanistan, the US military said.\n\n"
        '"The cause of the crash is under investigation," the statement said.\n\n'
        + sentence + "\n\n" + sentence + "\n\n"
        "The Taliban claimed responsibility for shooting down the helicopter, which it said crashed in Logar province."
    )
    first = old.index(sentence)
    second = old.index(sentence, first + 1)
    edited = old[:second] + old[second + len(sentence) :]  # one of the two is gone
    quote = "killed until next of kin"
    selectors = [
        describe(old, *span_of(old, "crash is under")),
        describe(old, first + sentence.index("names of those"), first + len(sentence) + 4),  # shows the first copy
        describe(old, second + sentence.index(quote), second + sentence.index(quote) + len(quote)),
        describe(old, *span_of(old, "claimed responsibility")),
    ]
    found = anchor_many(edited, selectors, old)
    # The copy left stands where the first one stood, as its neighbours say: the second
    # highlight is not moved onto it.
    assert found[2] is None
    assert found[0] == span_of(edited, "crash is under") and found[3] == span_of(edited, "claimed responsibility")


def test_anchor_many_orphans_a_passage_found_out_of_place_without_its_context():
    old = (
        "Pada masa itu banyak tokoh yang dikenal, termasuk anaknya Yazid yang anak buahnya memenggal cucu Nabi, "
        "Sayyidina Husein ra.\n\n"
        "Sementara mayoritas umat tetap setia pada ajaran yang lurus dan menjaga persatuan di antara mereka semua.\n\n"
        "Kritik kepada mereka yang memberontak terhadap Khalifah Ali atau Yazid yang anak buahnya memenggal "
        "cucu Nabi, itu "
        "sekedar kritik berdasarkan fakta sejarah."
    )
    edited = old.replace(" termasuk anaknya Yazid yang anak buahnya memenggal cucu Nabi, Sayyidina Husein ra.", ".")
    selectors = [describe(old, *span_of(old, "memenggal cucu Nabi,")), describe(old, *span_of(old, "mayoritas umat"))]
    # The other "memenggal cucu Nabi," stands past a neighbour that stayed put, with only part
    # of the context before it and none after: not the passage moved there.
    assert anchor_many(edited, selectors, old) == [None, span_of(edited, "mayoritas umat")]


def test_anchor_orphans_a_quote_starting_with_invisible_characters_when_text_came_between():
    old = (
        "The band played on with the exciting rhythms of the drum!\n\n\u200b\n\n\u200b\n\n"
        "Our team, made up of Nam Yongwoo, Lee Gisoo and Kim Hana, played the drums for the whole evening."
    )
    quote = "\u200b\n\nOur team, made up of Nam"
    edited = old.replace("\u200b\n\nOur team", "\u200b\n\nrecent Our team").replace("played on", "kept playing")
    # The passage begins with the invisible characters: the visible words found in place do
    # not pin its start, and the context before it no longer agrees.
    assert anchor(edited, describe(old, *span_of(old, quote))) is None


def test_anchor_many_re_attaches_a_passage_edited_at_its_edge_and_keeps_a_paragraph_inserted_inside_it():
    old = (
        "Neo-banks have been popular in Europe and Australia for the past few years. Now they are starting to get "
        "attention here in the US, with names like Chime, Varo, SoFi and Current. Yes, the exclamation point is part "
        "of the name. Cutting edge, I know.\n\nThese neo-banks have been trying to make banking simpler for everyone "
        "who has a phone.\n\nThe fees are low and the apps are pretty."
    )
    passage = old[old.index("Now they") : old.index("These") + len("These")]
    selector = describe(old, *span_of(old, passage))
    # Its last word and the words after it were rewritten: one edge is loose, the other pinned.
    edited = old.replace("I know.\n\nThese neo-banks have been trying to",
                         "I know.\n\nTheir come-on is that they are super easy to")
    [found] = anchor_many(edited, [selector], old)
    assert found is not None and found[0] == edited.index("Now they")
    assert abs(found[1] - (edited.index("Their") + len("Their"))) <= 2  # a loose edge: within an edit or two
    # Here a short paragraph came inside it, before its last word: it stays inside the passage.
    split = old.replace("I know.\n\nThese", "I know.\n\nAdvertisement\n\nThese")
    assert anchor_many(split, [selector], old) == [(split.index("Now they"), split.index("These") + len("These"))]
    # One that changes it more than a light edit does (a sixth of it) leaves it a guess: orphaned.
    longer = old.replace("I know.\n\nThese", "I know.\n\nContinue reading the main story\n\nThese")
    assert anchor_many(longer, [selector], old) == [None]
    # The quote-and-context search alone finds only part of it, and orphans it rather than take that.
    assert anchor(longer, selector) is None


def test_anchor_orphans_a_match_that_takes_in_the_text_that_followed_the_passage():
    old = (
        "Grab a pair for yourself or for upgrading a mobile work setup. We loved them in our hands-on review.\n\n"
        "Black Friday pricing live for ecobee\n\n"
        "Black Friday pricing on ecobee's latest SmartThermostat with Voice Control is now live at Amazon for $199."
    )
    selector = describe(old, *span_of(old,
                                      "We loved them in our hands-on review.\n\nBlack Friday pricing live for ecobee"))
    edited = old.replace("Black Friday pricing live for ecobee\n\n", "")
    # "...review. Black Friday pricing on ecobee" resembles the passage, but its end is the
    # text that stood after the passage: the passage lost its last paragraph.
    assert anchor(edited, selector) is None


def test_anchor_many_re_attaches_an_invisible_quote_where_its_context_stands_whole():
    old = (
        "Intro paragraph that is long enough to matter here.\n\n"
        "The beauty of Korea and Korean tunes\n\n\u200b\n\n\u200b\n\n"
        "Now, for the start of the performance!\n\nClosing words of the article."
    )
    edited = old.replace("here.\n\n", "here.\n\nA new paragraph was added at the top of the page.\n\n")
    quote = "\u200b\n\n\u200b"
    assert anchor_many(edited, [describe(old, *span_of(old, quote))], old) == [span_of(edited, quote)]


def test_anchor_many_tells_repeated_sections_apart_by_position_beyond_its_slack():
    section = (
        "Pre-Workout Meal\n\nEat 60 to 90 minutes before your workout\n\nAsparagus and Eggs with one cup of asparagus "
        "and two poached eggs\n\nWorkout Supplement\n\nDrink during your workout\n\nBeachbody Performance Hydrate\n\n"
        "Post-Workout Meal\n\nEat one to two hours after your workout\n\n"
    )
    names = ["Meal Plan A", "Meal Plan B", "Meal Plan C"]
    old = "".join(f"{name}\n\n{section}" for name in names) + "The end of the plans."
    quote = "Drink during your workout"
    selectors = ([describe(old, *span_of(old, quote, k)) for k in range(3)]
                 + [describe(old, *span_of(old, n)) for n in names])
    plan_c = old.index("Meal Plan C")
    at = old.index("Workout Supplement", plan_c)
    edited = old[:at] + "Pro tip: learn how the supplements help you get more out of a workout.\n\n" + old[at:]
    found = anchor_many(edited, selectors, old)
    # In plan C the passage is 72 characters further than expected, its copies in plans A
    # and B far further: position still tells them apart.
    assert found[:3] == [span_of(edited, quote, k) for k in range(3)]
