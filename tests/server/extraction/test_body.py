"""server/extraction/body.py: words that trafilatura ran together are set apart again, only where
the page shows them apart."""
from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from server.extraction.body import _Page, render_body


def render(body_xml: str, page: str) -> tuple[list[str], str]:
    return render_body(etree.fromstring(body_xml), lxml_html.document_fromstring(page))


def test_words_run_together_inside_a_text_are_set_apart_in_text_and_html():
    page = ('<html><body><p>A cartoonist from <span>The Guardian</span> <a href="/r">linked it</a> to rents.</p>'
            '<ul><li>Weight: <div>2.1 kg</div></li><li>Seasons: <div>3-season</div></li></ul></body></html>')
    blocks, html = render("<body><p>A cartoonist from The Guardianlinked it to rents.</p>"
                          "<p>Weight:2.1 kgSeasons:3-season</p></body>", page)
    assert blocks == ["A cartoonist from The Guardian linked it to rents.", "Weight:2.1 kg Seasons:3-season"]
    assert html == "<p>A cartoonist from The Guardian linked it to rents.</p><p>Weight:2.1 kg Seasons:3-season</p>"


def test_four_words_run_together_are_set_apart():
    page = ("<html><body><ul><li><label>Price: High to Low</label></li><li><label>Newest</label></li>"
            "<li><label>Bestselling</label></li><li><label>Ratings: High to Low</label></li></ul></body></html>")
    blocks, _ = render("<body><p>Price: High to LowNewestBestsellingRatings: High to Low</p></body>", page)
    assert blocks == ["Price: High to Low Newest Bestselling Ratings: High to Low"]


def test_a_copy_of_the_text_in_a_script_does_not_count_as_the_page_showing_it():
    page = ('<html><body><script>{"text": "please adjust yourAdChoice setting"}</script>'
            '<p><span>please adjust your</span>&nbsp;<a href="/c">AdChoice</a> setting.</p></body></html>')
    blocks, _ = render('<body><p>please adjust your<ref target="/c">AdChoice</ref> setting.</p></body>', page)
    assert blocks == ["please adjust your AdChoice setting."]


def test_the_words_a_page_shows_are_never_those_only_its_scripts_and_styles_say():
    page = lxml_html.document_fromstring(
        "<html><head><style>.said { hidden: rule }</style><script>var secret = 1;</script></head><body>"
        "<p>Shown before</p><script>Shown before</script><script>Shown after</script><p>Shown after</p>"
        "<script>Twice said</script><p>Twice said</p><script>Twice said</script>"
        "<style>Styled only</style><p>tail <script>Script only</script>ends here</p></body></html>")
    assert _Page(page).apart == {"Shown", "before", "after", "Twice", "said", "tail", "ends", "here"}


def test_words_the_page_itself_runs_together_stay_one_word():
    page = "<html><body><p><b>W</b>ord and <i>Heat</i>wave, then W ord and Heat wave.</p></body></html>"
    blocks, _ = render("<body><p>Word and <hi rend=\"#i\">Heat</hi>wave.</p></body>", page)
    assert blocks == ["Word and Heatwave."]


def test_numbers_are_not_split_and_an_image_between_words_keeps_them_apart():
    page = '<html><body><ol><li>#1<img src="/a.jpg">3 formats, 86.06 each</li></ol><p>86.0 and 6</p></body></html>'
    blocks, html = render('<body><list><item>#1<graphic src="/a.jpg"/>3 formats, 86.06 each</item></list></body>', page)
    assert blocks == ["#1 3 formats, 86.06 each"]
    assert html == '<ul><li>#1<img src="/a.jpg" alt=""> 3 formats, 86.06 each</li></ul>'


def test_words_that_trafilatura_put_inside_an_image_follow_it():
    page = '<html><body><p><img src="/a.png"> Ledgers is made to <b>keep books</b>. It is simple.</p></body></html>'
    blocks, html = render('<body><p><graphic src="/a.png"> Ledgers is made to </graphic><hi rend="#b">keep books</hi>'
                          '. It is simple.</p><graphic src="/b.png">Loose words</graphic></body>', page)
    assert blocks == ["Ledgers is made to keep books. It is simple.", "Loose words"]
    assert html == ('<p><img src="/a.png" alt=""> Ledgers is made to <strong>keep books</strong>. It is simple.</p>'
                    '<img src="/b.png" alt=""><p>Loose words</p>')


def test_words_run_together_are_set_apart_into_the_fewest_words_of_the_page():
    page = ("<html><body><p>The ins and outs of it, all of it, from a to t.</p>"
            "<pre>pip install gloss\nimport gloss</pre></body></html>")
    blocks, _ = render("<body><p>pip installimport gloss</p></body>", page)
    assert blocks == ["pip install import gloss"]


def test_a_quotation_written_across_lines_of_the_source_is_one_paragraph():
    page = ("<html><body><blockquote class='note'>Run this command as the user that\nstarted the server."
            "</blockquote></body></html>")
    blocks, html = render("<body><quote>Run this command as the user that\nstarted the server.</quote></body>", page)
    assert blocks == ["Run this command as the user that started the server."]
    assert html == "<blockquote>Run this command as the user that\nstarted the server.</blockquote>"
