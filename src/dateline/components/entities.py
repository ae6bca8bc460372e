"""The dateline_entities component: named entities as an analyst lists them.

Starts from the small model's NER and corrects what it gets wrong on conflict news, then links
the mentions of one article into entities (canonical name, aliases, titles, actor):

- possessive chains are split ("Rudaw’s Diyar Kurda" → Rudaw + Diyar Kurda) and entities are cut
  at datelines' dashes and line breaks ("Kurdistan Region - The United States");
- names from the actor lexicon win over the model's label (Kataib Hezbollah is an ORG, not a PERSON);
- titles before a name ("Deputy Pentagon Press Secretary Sabrina Singh") or in an appositive
  ("Thabet al-Abassi, Iraq's defense minister,") become the entity's title, not an ORG;
- short names join the full name ("Singh" → Sabrina Singh, even where the model says GPE);
- parenthesised acronyms and "formerly"/"also known as" names become aliases.

The corrected spans are also written to ``doc.ents`` (as spaCy's entity_ruler does), so later
components see "Singh" as a PERSON.
"""

from __future__ import annotations

import functools

from spacy.lang.en import English
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as TokSpan
from spacy.util import filter_spans

from ..records import Actor, Entity, Span
from ..resolve import actors, names
from ..resolve.agents import country_of, is_generic_agent, sector_of
from ..resolve.mentions import link_mentions
from .doctext import tokens_of

VERSION = "1.0"

if not Doc.has_extension("dateline_entities"):
    Doc.set_extension("dateline_entities", default=None)

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
DASHES = {"-", "–", "—", "--"}
ALIAS_CUES = {"formerly", "also", "aka", "a.k.a.", "or", "known"}


class EntitiesComponent:
    version = VERSION

    def __init__(self, nlp: Language):
        self.vocab = nlp.vocab

    @functools.cached_property
    def matchers(self) -> tuple[PhraseMatcher, PhraseMatcher]:
        """Lexicon names: long ones case-insensitive, short all-capital ones ('UN', 'IS') exact."""
        loose = PhraseMatcher(self.vocab, attr="LOWER")
        exact = PhraseMatcher(self.vocab, attr="ORTH")
        tokenizer = English().tokenizer
        for entry in actors.entries():
            for n in (entry.name, *entry.aliases):
                target = exact if (len(n) <= 4 or n.isupper()) else loose
                target.add(entry.name, [tokenizer(n)])
        return loose, exact

    def __call__(self, doc: Doc) -> Doc:
        spans = self._corrected_spans(doc)
        titles, spans = self._titles(doc, spans)
        alias_pairs, spans = self._aliases(doc, spans)
        spans = self._short_names(doc, spans)
        short_pairs, spans = _short_organisations(doc, spans)
        alias_pairs += short_pairs
        spans = sorted(filter_spans(spans), key=lambda s: s.start)
        doc.ents = spans
        doc._.dateline_entities = self._entities(doc, spans, titles, alias_pairs)
        return doc

    # -- spans ---------------------------------------------------------------------------------
    def _corrected_spans(self, doc: Doc) -> list[TokSpan]:
        parts: list[TokSpan] = []
        for ent in doc.ents:
            if ent.label_ in KEEP:
                parts.extend(_split(doc, ent))
        parts = _merge_split_persons(doc, parts)
        lexical = []
        loose, exact = self.matchers
        for matcher in (loose, exact):
            for _match_id, s, e in matcher(doc):
                entry = actors.lookup(doc[s:e].text)
                label = entry.type if entry else "ORG"
                lexical.append(TokSpan(doc, s, e, label=label))
        lexical = filter_spans(lexical)
        taken = {i for sp in lexical for i in range(sp.start, sp.end)}
        kept = [sp for sp in parts if not any(i in taken for i in range(sp.start, sp.end)) and not _role_words(sp.text)]
        return lexical + kept

    def _titles(self, doc: Doc, spans: list[TokSpan]) -> tuple[dict[int, str], list[TokSpan]]:
        """Title text per PERSON span start; spans swallowed by a title are dropped."""
        titles: dict[int, str] = {}
        drop: set[int] = set()
        for sp in spans:
            if sp.label_ != "PERSON":
                continue
            t = _title_before(doc, sp)
            if t is not None:
                titles[sp.start] = t.text
                drop |= set(range(t.start, t.end))
            elif (a := _title_after(doc, sp)) is not None:
                titles[sp.start] = a
        kept = [
            sp
            for sp in spans
            if sp.label_ == "PERSON" or not any(i in drop for i in range(sp.start, sp.end)) or actors.lookup(sp.text)
        ]
        return titles, kept

    def _aliases(self, doc: Doc, spans: list[TokSpan]) -> tuple[list[tuple[str, str]], list[TokSpan]]:
        """'Higher Military Commission (HMC)', 'Jurf al-Nasr (formerly Jurf al-Sakhar)'."""
        pairs: list[tuple[str, str]] = []
        added: list[TokSpan] = []
        by_end = {sp.end: sp for sp in spans}
        for tok in tokens_of(doc):
            if tok.text != "(" or tok.i == 0:
                continue
            close = next((t.i for t in doc[tok.i + 1 : tok.i + 12] if t.text == ")"), None)
            if close is None:
                continue
            inner = doc[tok.i + 1 : close]
            cue = inner[0].lower_ if len(inner) else ""
            if cue in ALIAS_CUES and tok.i in by_end:
                rest = [t for t in inner if t.lower_ not in ALIAS_CUES and t.lower_ not in {"as", "known"}]
                if rest:
                    other = doc[rest[0].i : rest[-1].i + 1]
                    prev = by_end[tok.i]
                    pairs.append((prev.text, other.text))
                    added.append(TokSpan(doc, other.start, other.end, label=prev.label_))
            elif len(inner) == 1 and names.is_acronym(inner.text):
                full = _expansion(doc, tok.i, inner.text)
                if full is not None:
                    pairs.append((full.text, inner.text))
                    label = by_end[tok.i].label_ if tok.i in by_end else "ORG"
                    added.append(TokSpan(doc, full.start, full.end, label=label))
                    added.append(TokSpan(doc, inner.start, inner.end, label=label))
        keep = [sp for sp in spans if not any(a.start < sp.end and sp.start < a.end for a in added)]
        return pairs, keep + added

    def _short_names(self, doc: Doc, spans: list[TokSpan]) -> list[TokSpan]:
        """A bare surname the model missed or called a place becomes a PERSON mention."""
        fulls = [sp.text for sp in spans if sp.label_ == "PERSON" and len(sp) > 1]
        if not fulls:
            return spans
        forms = frozenset().union(*map(names.short_forms, fulls))  # names.short_name_of, all fulls at once
        out, covered = [], set()
        for sp in spans:
            if sp.label_ in ("GPE", "LOC", "ORG", "NORP") and len(sp) <= 3 and not actors.lookup(sp.text):
                if sp.text.strip().lower() in forms:
                    sp = TokSpan(doc, sp.start, sp.end, label="PERSON")
            out.append(sp)
            covered |= set(range(sp.start, sp.end))
        for tok in tokens_of(doc):
            if tok.i not in covered and tok.pos_ == "PROPN" and tok.is_title and tok.lower_ in forms:
                out.append(TokSpan(doc, tok.i, tok.i + 1, label="PERSON"))
        return out

    # -- linking ---------------------------------------------------------------------------------
    def _entities(
        self, doc: Doc, spans: list[TokSpan], titles: dict[int, str], alias_pairs: list[tuple[str, str]]
    ) -> list[Entity]:
        clusters = link_mentions([(sp.text, sp.label_) for sp in spans], alias_pairs)
        out = []
        for n, cl in enumerate(clusters, 1):
            members = [spans[i] for i in cl.members]
            entry = cl.entry
            mentions = tuple(Span(sp.start_char, sp.end_char, sp.text) for sp in members)
            found_titles = tuple(dict.fromkeys(titles[sp.start] for sp in members if sp.start in titles))
            actor = None
            if entry is not None:
                actor = Actor(name=entry.name, country=entry.country, sector=entry.sector, entity=f"e{n}")
            out.append(
                Entity(
                    id=f"e{n}",
                    name=cl.name,
                    type=cl.label,
                    mentions=mentions,
                    aliases=tuple(a for a in cl.aliases if a != cl.name),
                    title=found_titles[0] if found_titles else None,
                    titles=found_titles,
                    actor=actor,
                )
            )
        return out


def _role_words(text: str) -> bool:
    """ "Terrorists", "Militants", "Civilians", "the Army" tagged as a name: a description of who,
    not a named actor (the events component codes such words by their role and country)."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or len(words) > 2 or actors.lookup(" ".join(words)) is not None:
        return False
    phrase = " ".join(words)
    return bool(sector_of(phrase) or is_generic_agent(phrase)) or phrase.lower() in {"people", "persons"}


# Words after which an organisation's name goes on with what it is for or of ("Syrian Observatory
# for Human Rights"): its head noun is the word before them.
_NAME_LINKS = {"for", "of", "in", "on", "to", "and"}


def _short_organisations(doc: Doc, spans: list[TokSpan]) -> tuple[list[tuple[str, str]], list[TokSpan]]:
    """ "The Observatory said": an organisation the article named in full ("the Syrian Observatory
    for Human Rights") called by its head noun afterwards; one entity, one name. A head two long
    names share ("Coalition" for two coalitions) names neither."""
    heads: dict[str, set[str]] = {}
    relabel: set[int] = set()
    for sp in spans:
        if len(sp) < 3 and sp.label_ != "ORG" or len(sp) < 2:
            continue
        if sp.label_ != "ORG":
            # "X for Y" names an organisation ("Syrian Observatory for Human Rights"), whatever the
            # model's label; a place is seldom named so
            if not any(t.lower_ == "for" for t in sp[1:-1]):
                continue
            relabel.add(sp.start)
        words = [t for t in sp if not t.is_punct]
        cut = next((k for k, t in enumerate(words) if k > 0 and t.lower_ in _NAME_LINKS), len(words))
        head = words[cut - 1] if cut > 0 else None
        if head is None or not head.is_title or len(head.text) < 4 or country_of(head.text) or head.i == sp.start:
            continue
        heads.setdefault(head.text, set()).add(sp.text)
    heads = {h: next(iter(full)) for h, full in heads.items() if len(full) == 1}
    if not heads:
        return [], spans
    pairs, out, covered = [], [], set()
    for sp in spans:
        if sp.start in relabel and sp.text in heads.values():
            sp = TokSpan(doc, sp.start, sp.end, label="ORG")
        if len(sp) == 1 and sp.text in heads and not actors.lookup(sp.text):
            sp = TokSpan(doc, sp.start, sp.end, label="ORG")
            pairs.append((heads[sp.text], sp.text))
        out.append(sp)
        covered |= set(range(sp.start, sp.end))
    for tok in tokens_of(doc):
        if (
            tok.i not in covered
            and tok.text in heads
            and tok.pos_ == "PROPN"
            and tok.i > 0
            and doc[tok.i - 1].lower_ == "the"
        ):
            out.append(TokSpan(doc, tok.i, tok.i + 1, label="ORG"))
            pairs.append((heads[tok.text], tok.text))
    return pairs, out


def _split(doc: Doc, ent: TokSpan) -> list[TokSpan]:
    """Cut an entity at possessives, spaced dashes and line breaks; drop a leading 'the'."""
    pieces, start = [], ent.start
    for tok in ent:
        cut = tok.tag_ == "POS" or tok.text in ("’s", "'s") or "\n" in tok.text
        cut = cut or (tok.text in DASHES and (tok.whitespace_ or (tok.i > 0 and doc[tok.i - 1].whitespace_)))
        if cut:
            if tok.i > start:
                pieces.append((start, tok.i))
            start = tok.i + 1
    if ent.end > start:
        pieces.append((start, ent.end))
    out = []
    for k, (s, e) in enumerate(pieces):
        while s < e and doc[s].lower_ in ("the", "’", "'"):
            s += 1
        while e > s and doc[e - 1].text in ("’", "'", "’s", "'s"):
            e -= 1
        if s >= e:
            continue
        label = ent.label_
        owner_in_chain = k < len(pieces) - 1 and (doc[e].tag_ == "POS" or doc[e].text in ("’s", "'s"))
        if owner_in_chain:
            # the owner in "Rudaw’s Diyar Kurda" / "Babil’s Jurf al-Nasr": an organisation or a place
            entry = actors.lookup(doc[s:e].text)
            label = entry.type if entry else ("GPE" if ent.label_ in ("GPE", "LOC", "FAC", "ORG") else ent.label_)
        out.append(TokSpan(doc, s, e, label=label))
    return out


def _merge_split_persons(doc: Doc, spans: list[TokSpan]) -> list[TokSpan]:
    """'Mohammed Shia' + '’' + 'al-Sudani' is one name the tokenizer broke at an apostrophe."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list[TokSpan] = []
    for sp in spans:
        if out and out[-1].label_ == "PERSON" == sp.label_:
            gap = doc[out[-1].end : sp.start]
            if len(gap) == 0 or (len(gap) == 1 and gap[0].text in ("’", "'", "ʼ") and gap[0].whitespace_):
                out[-1] = TokSpan(doc, out[-1].start, sp.end, label="PERSON")
                continue
        out.append(sp)
    return out


def _title_before(doc: Doc, person: TokSpan) -> TokSpan | None:
    """The capitalised run ending in a title word right before a name."""
    i = person.start - 1
    if i < 0 or not _title_token(doc[i]) or not names.is_title_head(doc[i].text):
        return None
    start = i
    while i >= 0 and (
        _title_token(doc[i])
        or _role_word(doc[i], person.start - i)
        or (doc[i].lower_ == "of" and i > 0 and _title_token(doc[i - 1]))
    ):
        if (
            doc[i].ent_type_ in ("DATE", "TIME", "CARDINAL", "PERSON")
            or doc[i].is_sent_start
            and doc[i].lower_ in ("on", "in")
        ):
            break
        start = i
        i -= 1
    while start < person.start and doc[start].lower_ in ("of", "the"):
        start += 1
    return doc[start : person.start] if start < person.start else None


def _title_token(tok) -> bool:
    capitalised_word = (tok.is_title or tok.is_upper or names.is_title_head(tok.text)) and tok.is_alpha
    return capitalised_word or (tok.text.endswith(".") and names.is_title_head(tok.text))  # "Gen.", "Lt."


def _role_word(tok, distance: int) -> bool:
    """Lower-case nouns and adjectives inside a role: 'Iraqi militia leader', 'army chief'."""
    return distance <= 4 and tok.is_alpha and tok.pos_ in ("NOUN", "ADJ", "PROPN") and not tok.is_stop


def _title_after(doc: Doc, person: TokSpan) -> str | None:
    """'Thabet al-Abassi, Iraq's defense minister, said' → "Iraq's defense minister"."""
    if person.end >= len(doc) - 2 or doc[person.end].text != ",":
        return None
    j = person.end + 1
    k = j
    while k < len(doc) and k - j < 8 and doc[k].text not in (",", ".", ";", "“", '"') and doc[k].pos_ != "VERB":
        k += 1
    if k == j or k >= len(doc) or doc[k].text not in (",", "."):
        return None
    phrase = doc[j:k]
    if not any(names.is_title_head(t.text) for t in phrase):
        return None
    while len(phrase) and phrase[0].lower_ in ("a", "an", "the"):
        phrase = phrase[1:]
    return phrase.text or None


def _expansion(doc: Doc, paren: int, acronym: str) -> TokSpan | None:
    """The capitalised words before '(' whose initials spell the acronym."""
    for width in range(1, 9):
        s = paren - width
        if s < 0:
            break
        cand = doc[s:paren]
        if not (cand[0].is_title or cand[0].is_upper):
            continue
        if names.expands(acronym, cand.text):
            return cand
    return None


@Language.factory(
    "dateline_entities",
    requires=["doc.ents", "token.ent_type", "token.pos", "token.tag", "token.is_sent_start"],
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "doc._.dateline_entities"],
)
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    return EntitiesComponent(nlp)
