"""Claimdesk's evaluation: a labelled news corpus and a scorer, kept apart from the rules.

The extractor and the matcher are judged here on articles written for the judge, not for
the rules, so a rule that only fits its own examples shows up as a low figure. Nothing in
this package imports Django or touches a database; ``python -m eval.run`` (``make eval``)
prints the figures and always exits 0 when it ran: it reports, it does not gate.
"""
