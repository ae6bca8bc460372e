"""Claims: attributed statements as comparable propositions (``claim``), and the rules that set two
of them against each other (``disputes``). Pure functions over records; no spaCy, so ``link`` can
rebuild claims from stored reports. Imports resolve and records only.
"""
