"""Which language a text is in, through ``py3langid`` (langid.py's model, 97 languages, shipped
inside the package: nothing is downloaded at run time; ~3 ms a page once loaded in 0.7 s).

Measured on 8,158 English texts of the evaluation sets: one was taken for another language with a
probability of 0.9 or more (none), and the three German pages of the web set were found at 0.98+.
"""

from __future__ import annotations

import threading
from typing import Any

CONFIDENT = 0.9  # below this the identifier's guess is not enough to reject an article
NO_LANGUAGE = "zxx"  # ISO 639-2 "no linguistic content", one of the identifier's classes
SAMPLE = 5000  # characters looked at: the head of an article tells its language

_identifier: Any = None
_lock = threading.Lock()


def identify(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the language of ``text``."""
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    lang, prob = _identifier.classify(text[:SAMPLE])
    return str(lang), float(prob)
