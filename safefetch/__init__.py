"""Safe fetching of outside URLs and their main text, free of Django.

``safefetch.fetch`` refuses SSRF targets hop by hop and caps size and time;
``safefetch.pages`` turns a fetched body into decoded main text. Imports, webhooks and
verification all fetch through here, so the rules live in one place.
"""
