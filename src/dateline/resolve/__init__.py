"""What components consult: gazetteer, temporal normalizer, actor lexicon.

Pure functions over plain data, no spaCy inside, so they are testable on their own and
reusable by commands such as ``dateline geocode``.
"""
