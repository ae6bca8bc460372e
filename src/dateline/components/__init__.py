"""One spaCy component per extractor, one module each (STYLE.md practice 1)."""
