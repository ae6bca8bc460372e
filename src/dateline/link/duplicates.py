"""Near-duplicate articles: syndicated copies and updated versions of one story.

MinHash over word 5-gram shingles estimates the Jaccard similarity of two texts (Broder 1997,
"On the resemblance and containment of documents"); locality-sensitive hashing over bands of
the signature finds candidates without comparing every pair (Leskovec, Rajaraman & Ullman,
*Mining of Massive Datasets*, ch. 3). ``datasketch`` computes the signatures; the bands live in
the store (a persistent LSH index), because datasketch's own persistent LSH needs Redis or
Cassandra, and ingest must resume across processes from the database alone.

With 32 bands of 4 rows, a pair with Jaccard 0.5 is a candidate with probability 0.87 and one
with 0.7 with probability 0.9999; candidates are then checked against ``THRESHOLD``.
"""

from __future__ import annotations

import hashlib
import re
import struct

import numpy as np

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5
THRESHOLD = 0.5  # estimated Jaccard of 5-shingles: a wire copy with another headline or dateline,
# or an update with a paragraph added (two reports written apart share almost no 5-grams)
SEED = 7

_WORD = re.compile(r"[^\W_]+")


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """Word k-grams of the lower-cased text (punctuation and spacing ignored)."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text (``NUM_PERM`` unsigned 32-bit values in uint64)."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    grams = shingles(text)
    if grams:
        m.update_batch(list(grams))
    return m.hashvalues.astype(np.uint64)


def bands(sig: np.ndarray) -> list[int]:
    """One bucket per band: a signed 64-bit hash of the band's rows (a BIGINT in the store)."""
    out = []
    for b in range(BANDS):
        chunk = sig[b * ROWS : (b + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=struct.pack("<Q", b)).digest()
        out.append(struct.unpack("<q", digest)[0])
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.mean(a == b))


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype="<u8").astype(np.uint64)
