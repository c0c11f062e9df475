"""Structure recovery: raw blocks or positioned lines → numbered paragraphs, headings, footnotes.

Every step is a pure function of its input, tested without a database.
"""
