from claimx.paragraphs import split_paragraphs
from claimx.quotes import find_quotes


def quoted(text):
    return [text[q.start:q.end] for q in find_quotes(text, split_paragraphs(text))
            if not q.nested]


def test_curly_straight_and_guillemets_pair():
    text = 'He said “one thing.” She said "another." They said «a third».'
    assert quoted(text) == ["one thing.", "another.", "a third"]


def test_german_marks_pair():
    text = ("Er sagte „ein Ding“ und »ein zweites« und ‚ein drittes‘. "
            "A spokesman called it „a trap”.")
    assert quoted(text) == ["ein Ding", "ein zweites", "ein drittes", "a trap"]


def test_word_final_apostrophe_is_not_a_quotation_mark():
    text = "Following the United States’ lead, CBS’ show ran ‘a quoted phrase’ today."
    assert quoted(text) == ["a quoted phrase"]


def test_unbalanced_mark_costs_only_its_paragraph():
    text = 'He said “this never closes.\n\nNext paragraph has “a proper quote” in it.'
    got = quoted(text)
    assert got[0] == "this never closes."
    assert got[1] == "a proper quote"


def test_quotation_running_over_paragraphs_runs_to_each_paragraph_end():
    text = '“First part of it.\n\n“Second part of it.\n\n“Last part,” she said.'
    quotes = [q for q in find_quotes(text, split_paragraphs(text)) if not q.nested]
    assert [text[q.start:q.end] for q in quotes] == [
        "First part of it.", "Second part of it.", "Last part,"]
    assert [q.closed for q in quotes] == [False, False, True]


def test_nested_single_quotes_inside_double_are_marked_nested():
    text = "“They called it ‘a provocation’ and left,” he said."
    quotes = find_quotes(text, split_paragraphs(text))
    outer = [q for q in quotes if not q.nested]
    assert [text[q.start:q.end] for q in outer] == ["They called it ‘a provocation’ and left,"]


def test_doubled_ascii_marks_are_double_quotes():
    """Newspaper archives write ''…'' and ``…'' for “…”; a lone ' stays an apostrophe."""
    text = ("''The talks are over,'' he said. ``We will see,'' she said of the Jones' plan, "
            "and 'no' was all.")
    assert quoted(text) == ["The talks are over,", "We will see,", "no"]


def test_a_closing_mark_that_opens_a_word_opens_the_quotation():
    """Sloppy typography: ”…” with the closing mark at both ends."""
    text = "”Isis will burn for it,” wrote Pete Hidalgo. He said “yes” and ” no."
    assert quoted(text) == ["Isis will burn for it,", "yes"]
