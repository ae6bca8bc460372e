"""Features for claim stance: how an article body stands towards a claim (a headline).

Two groups, after the FNC-1 systems that did best (Hanselowski et al., COLING 2018):
*relatedness* (does the body talk about the claim at all: TF-IDF and LSA cosine, word and
bigram overlap, the best-matching sentences) and *stance* (does it deny, hedge or back it:
the refuting and hedging cue counts of the FNC-1 baseline, looked up in the whole body, its
lead, and the sentences nearest the claim, plus negation in the claim against negation near
it). The cue words are the ones `dateline.claims` uses for polarity and modality, so a
claim's "denied" and a body's "disagree" come from the same lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..claims.claim import cues

TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|n't")
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
STOP = frozenset(
    "a an the of to in on at for from by with and or but is are was were be been being it its this that "
    "these those as has have had he she they we you i his her their our your after before over about "
    "into than then so if not no says said say will would can could may might just also who what which".split()
)
CUE_SETS = ("negation", "denial", "hedge", "support")
TOPIC_DIMS = 20


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower().replace("\u2019", "'"))


def content(toks: Sequence[str]) -> list[str]:
    return [t for t in toks if t not in STOP and len(t) > 1]


def sentences(text: str, limit: int = 60) -> list[str]:
    out = [s.strip() for s in SENTENCE.split(text) if len(s.strip()) > 3]
    return out[:limit] or [text]


def cue_counts(toks: Sequence[str]) -> list[float]:
    """Share of tokens in each cue set (negation, denial, hedge, support), plus a presence flag each."""
    c = cues()
    n = max(len(toks), 1)
    out = []
    for name in CUE_SETS:
        hits = sum(t in c[name] for t in toks)
        out += [hits / n, float(hits > 0)]
    return out


def _ngrams(toks: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


class Featurizer:
    """Fitted on claims and bodies of the training pairs; turns (claim, body) pairs into a matrix."""

    def __init__(self, tfidf, svd, idf: dict[str, float]):
        self.tfidf, self.svd, self.idf = tfidf, svd, idf

    @classmethod
    def fit(cls, texts: Sequence[str], n_components: int = 100, seed: int = 0) -> Featurizer:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        tfidf = TfidfVectorizer(
            tokenizer=tokens,
            token_pattern=None,
            lowercase=False,
            stop_words=sorted(STOP),
            min_df=2 if len(texts) > 100 else 1,
            max_features=50000,
            sublinear_tf=True,
        )
        m = tfidf.fit_transform(texts)
        n_components = max(1, min(n_components, m.shape[1] - 1, m.shape[0] - 1))
        svd = TruncatedSVD(n_components=n_components, random_state=seed).fit(m)
        idf = dict(zip(tfidf.get_feature_names_out(), tfidf.idf_))
        return cls(tfidf, svd, idf)

    def _vec(self, texts: Sequence[str]):
        from sklearn.preprocessing import normalize

        m = self.tfidf.transform(texts)
        return m, normalize(self.svd.transform(m))

    def body_view(self, body: str) -> dict:
        """Everything about one body that does not depend on the claim (computed once per body)."""
        sents = sentences(body)
        s_tf, s_lsa = self._vec(sents)
        toks = tokens(body)
        lead = tokens(" ".join(sents[:3]))
        return {
            "sents": sents,
            "s_tf": s_tf,
            "s_lsa": s_lsa,
            "s_toks": [tokens(s) for s in sents],
            "toks": toks,
            "set": set(content(toks)),
            "bigrams": _ngrams(content(toks), 2),
            "cues": cue_counts(toks),
            "lead_cues": cue_counts(lead),
            "lead_set": set(content(lead)),
            "tf": self._vec([body]),
        }

    def claim_view(self, claim: str) -> tuple:
        h_tf, h_lsa = self._vec([claim])
        return h_tf.T.tocsc(), h_lsa, tokens(claim)

    def pair(self, claim: str, b: dict, h: tuple | None = None) -> list[float]:
        h_tf, h_lsa, h_toks = h or self.claim_view(claim)
        h_cont = content(h_toks)
        h_set = set(h_cont)
        # relatedness
        body_tf, body_lsa = b["tf"]
        cos_tf = float((body_tf @ h_tf).toarray().ravel()[0])
        cos_lsa = float((h_lsa @ body_lsa.T).ravel()[0])
        s_cos = (b["s_tf"] @ h_tf).toarray().ravel()
        s_lsa = (b["s_lsa"] @ h_lsa.T).ravel()
        order = np.argsort(-s_cos)
        top = sorted(s_cos, reverse=True)[:3] + [0.0, 0.0, 0.0]
        idf_tot = sum(self.idf.get(t, 1.0) for t in h_set) or 1.0
        overlap = len(h_set & b["set"]) / max(len(h_set), 1)
        w_overlap = sum(self.idf.get(t, 1.0) for t in h_set & b["set"]) / idf_tot
        lead_overlap = len(h_set & b["lead_set"]) / max(len(h_set), 1)
        bi = _ngrams(h_cont, 2)
        bi_overlap = len(bi & b["bigrams"]) / max(len(bi), 1)
        rel = [
            cos_tf,
            cos_lsa,
            top[0],
            top[1],
            top[2],
            float(s_lsa.max()),
            float(s_lsa.mean()),
            overlap,
            w_overlap,
            lead_overlap,
            bi_overlap,
            len(h_set),
            float(np.log1p(len(b["toks"]))),
        ]
        # stance: cues in the claim, the body, its lead, and the sentences nearest the claim
        near = [t for i in order[:3] if s_cos[i] > 0 for t in b["s_toks"][i]]
        near1 = b["s_toks"][order[0]] if s_cos[order[0]] > 0 else []
        h_cues = cue_counts(h_toks)
        near_cues = cue_counts(near)
        near1_cues = cue_counts(near1)
        c = cues()
        h_neg = float(any(t in c["negation"] or t in c["denial"] for t in h_toks))
        n_neg = float(any(t in c["negation"] or t in c["denial"] for t in near1))
        stance = (
            h_cues
            + b["cues"]
            + b["lead_cues"]
            + near_cues
            + near1_cues
            + [
                float("?" in claim),
                h_neg,
                n_neg,
                float(h_neg != n_neg),
                # the claim's own hedging against the body's denial: "X reportedly…" vs a debunk
                h_cues[5] * b["cues"][3],
                b["cues"][2] * cos_tf,
                near_cues[2] * top[0],
            ]
        )
        # topic: the claim's and the body's LSA coordinates, multiplied (Athene's LSA features)
        topic = list(h_lsa.ravel()[:TOPIC_DIMS] * body_lsa.ravel()[:TOPIC_DIMS])
        return rel + stance + topic + [0.0] * (TOPIC_DIMS - len(topic))


def featurize(feat: Featurizer, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """Rows for (claim, body) pairs; bodies shared between pairs are analysed once."""
    views: dict[str, dict] = {}
    claims: dict[str, tuple] = {}
    rows = []
    for claim, body in pairs:
        if body not in views:
            views[body] = feat.body_view(body)
        if claim not in claims:
            claims[claim] = feat.claim_view(claim)
        rows.append(feat.pair(claim, views[body], claims[claim]))
    return np.asarray(rows, dtype=np.float32)
