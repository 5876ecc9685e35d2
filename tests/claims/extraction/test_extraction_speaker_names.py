"""Speaker names as real copy spells them, and attributions that real copy words loosely.

Names with a capital inside ("McAllister", "O'Hare", "DeLuca"), initials run together
("R.K. Okafor"), speakers named after the verb with the words that follow them, the subject
of a clause that a participle hangs on, and quotes whose only attribution is a name and a
verb the lexicon does not know. Every passage is written for this suite.
"""

from claims.extraction import extract_claims


def speakers(text):
    return [c.speaker for c in extract_claims(text) if c.kind == "quote"]


# ------------------------------------------------------------------ name spelling
def test_surname_with_inner_capital_resolves_to_the_full_name():
    text = (
        "Fiona McAllister, the regional fire chief, spoke to reporters at the depot.\n\n"
        "\u201cThe wind turned twice before midnight,\u201d McAllister said.\n\n"
        "\u201cWe had no warning from the forecast office,\u201d she added."
    )
    assert speakers(text) == ["Fiona McAllister", "Fiona McAllister"]


def test_name_with_apostrophe_and_capital():
    text = (
        "Declan O\u2019Hare, the harbour master, closed the port on Tuesday.\n\n"
        "\u201cNo vessel leaves until the swell drops,\u201d O\u2019Hare said."
    )
    assert speakers(text) == ["Declan O\u2019Hare"]


def test_titled_first_name_with_inner_capital_is_a_mention_for_she():
    text = (
        "Mayor DeShawna Pike met residents in the flooded ward on Monday.\n"
        "\u201cWe are asking for patience while the pumps run,\u201d she said."
    )
    assert speakers(text) == ["DeShawna Pike"]


def test_initials_run_together_stay_in_the_name():
    text = (
        "The reward now stands at $40,000, as \u201ca reward brings people forward,\u201d "
        "said county spokesman R.K. Okafor at the briefing."
    )
    assert speakers(text) == ["R.K. Okafor"]
