"""The event coder: one pass over each sentence's parse, lexicon triggers → :class:`Event`.

Which triggers become events follows how CAMEO/PLOVER coders read a sentence (CAMEO
codebook ch. 2; PLOVER manual, "Coding rules"):

* the complement of an event verb is its content, not a second event: "threatened to cut
  off electricity" is one THREATEN, "rejected a U.S. request" one REJECT;
* coordinated clauses are separate events ("rejected the plan and said they opposed …");
* relative and participial clauses describe participants ("militia groups accused of
  attacks"), so they are not coded, except a reaction carried by a light verb ("airstrikes
  that have drawn condemnation");
* background clauses ("after a coup toppled …") are coded only when the main clause
  holds no event; a bare nominal ("the US killing of Soleimani") only with a named actor;
* a stated intention is coded as intent: a future or planned cooperative act is AGREE
  (CAMEO 03 "express intent to …"), a conditional one THREATEN (CAMEO 13), a refused
  cooperative act REJECT (CAMEO 12);
* speech verbs are not events (CAMEO 01 was dropped by PLOVER), but "X said Y must do Z"
  is a demand by X on Y (CAMEO 10).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...records import Actor, Event, Span
from ..doctext import text_of
from . import literal, senses, status
from .acled import acled_type
from .lexicon import FRAME_NOUNS, Trigger, match, word_set
from .location import place_of
from .main import doc_lead_end, same_telling
from .participants import coalition_country, in_country
from .roles import headline_participle, misparsed_clause, noun_roles, verb_roles
from .zones import BODY, DATELINE, HEADLINE, bounds, same_zone, zone, zone_at

_DROP_PATH = ("relcl", "acl", "amod", "appos", "compound")


@dataclass
class _Cand:
    trig: Trigger
    anchor: Token  # the verb whose clause gives the arguments
    background: bool = False
    merged: list[Trigger] | None = None


def _anchor(trig: Trigger) -> Token:
    """The light verb carrying a nominal trigger ("carried out strikes", "signed a petition")."""
    n = trig.word
    if trig.kind == "verb" or not same_zone(n, n.head):
        return n
    head = n.head
    if n.dep_ in ("dobj", "nsubjpass", "attr") and head.lemma_.lower() in word_set("light_verbs"):
        return head
    # "announced the start of talks": an aspectual noun between verb and trigger.
    if (
        n.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.dep_ in ("dobj", "nsubjpass")
        and (head.head.lemma_.lower() in _ASPECT or head.head.lower_ in _ASPECT)
    ):
        return head.head.head
    # "arrived on a visit", "was killed in an attack": the verb the phrase hangs on.
    if (
        n.dep_ == "pobj"
        and head.lower_ in ("on", "for", "in", "under")
        and head.head.pos_ == "VERB"
        and match(head.head) is None
    ):
        return head.head
    return n


# Nouns that measure or stage an event ("the start of talks", "10 days of war games").
_ASPECT = {
    "start",
    "beginning",
    "launch",
    "resumption",
    "end",
    "round",
    "series",
    "day",
    "days",
    "week",
    "weeks",
    "wave",
    "spate",
    "string",
    "campaign",
    "number",
    "dozens",
    "hundreds",
    "scores",
    "thousands",
    "handful",
    "couple",
}
# A nominal that stands alone (no verb carries it) is coded only for acts that are events in
# themselves; "a deal" or "an allegation" alone is a result or a claim, not a new event.
_STANDALONE = {"ASSAULT", "COERCE", "PROTEST"}
_WEAPONS = {
    "air strike",
    "drone",
    "missile",
    "rocket",
    "artillery",
    "bombing",
    "explosives",
    "firearms",
    "suicide bomb",
}
_OFFICIAL = {"government", "military", "IGO", "legislature", "judiciary", "police"}
_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"}


def _path(tok: Token, stop: Token | None = None) -> list[tuple[Token, str]]:
    # Up to the root of the trigger's own zone: a lead verb parsed as a conjunct of the
    # headline's is no part of the headline's event (see .zones).
    out = []
    while tok.head.i != tok.i and (stop is None or tok.i != stop.i) and same_zone(tok, tok.head):
        out.append((tok, tok.dep_))
        tok = tok.head
    return out


def _obligation(tok: Token) -> Trigger | None:
    """ "X declared that China must drop barriers": a demand (CAMEO 10) by X on China."""
    if tok.lemma_.lower() not in word_set("speech_verbs") or tok.pos_ != "VERB":
        return None
    for c in tok.children:
        if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in word_set("obligation_modals") for a in c.children):
            return Trigger("REQUEST", None, tok, "verb", c)
    return None


def _warning_about_others(trig: Trigger) -> bool:
    """ "Russia could attack, Ukrainian officials warned" reports a danger, it is no threat
    by the officials: a warning is a threat only about what its speaker would do."""
    w = trig.word
    if trig.type != "THREATEN" or trig.kind != "verb" or w.lemma_.lower() != "warn":
        return False
    for c in w.children:
        if c.dep_ == "ccomp":
            subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ != "PRON":
                return True
    # "…, officials warned": the warning verb is the head of the whole report.
    return w.dep_ == "ROOT" and any(c.dep_ == "ccomp" and c.i < w.i for c in w.children)


def _candidates(sent: SpacySpan) -> list[_Cand]:
    found: dict[int, _Cand] = {}
    _, dl_start, dl_end = bounds(sent.doc)
    # a sentence clear of the dateline needs no check per token (this loop sees every token)
    clear = dl_start == dl_end or sent.end_char <= dl_start or sent.start_char >= dl_end
    for tok in sent:
        if not clear and zone(tok) == DATELINE:
            continue  # "KHARTOUM -" says where the report was filed
        if tok.pos_ == "PROPN" and (
            tok.ent_type_ in ("DATE", "TIME")
            or any(t.start <= tok.idx < t.end for t in sent.doc._.dateline_times or ())
        ):
            continue  # "on March 12" is a month, no march
        trig = match(tok) or _obligation(tok)
        if trig is not None and _warning_about_others(trig):
            trig = None
        if trig is not None and trig.dictionary and not all(map(_coded, verb_roles(trig, _anchor(trig)))):
            # PETRARCH codes a verb pattern only between two actors its dictionaries code: the
            # patterns are written for that frame, and without it "the archive provides details"
            # or "it took a decade" read as cooperation (web pages, scripts/eval_web.py)
            trig = None
        if trig is not None and trig.word.i not in found:
            found[trig.word.i] = _Cand(trig, _anchor(trig))
    # A light verb carrying a nominal trigger dominates like the trigger itself ("passed a
    # resolution to expel": one demand).
    for c in list(found.values()):
        if c.anchor.i != c.trig.word.i and c.anchor.i not in found:
            found[c.anchor.i] = c
    keep: list[_Cand] = []
    for key, cand in found.items():
        word = cand.trig.word
        if key != word.i:
            continue
        path = _path(word)
        deps = [d for _, d in path]
        reaction = (
            cand.trig.kind == "noun"
            and cand.anchor.i != word.i
            and cand.anchor.lemma_.lower() in word_set("reaction_verbs")
        )
        misparsed = bool(path) and path[0][0].i == word.i and (misparsed_clause(word) or headline_participle(word))
        if misparsed:
            deps = deps[1:]  # a clause of its own, not a description of the noun (roles.misparsed_clause)
        if any(d in _DROP_PATH for d in deps) and not reaction and not _framed(path):
            continue
        # Dominated by a trigger above it (its content), unless coordinated or a nominal in a
        # noun's prepositional phrase ("in response to a missile strike").
        # A conj step that lands on a trigger keeps two events ("rejected …, and said they
        # opposed …"), unless the two verbs share one act ("killed one and wounded two").
        dominated_by = None
        via_noun_prep = False
        for k, (t, d) in enumerate(path):
            head = t.head
            if misparsed and k == 0:
                continue  # the noun is this clause's subject, not a trigger it describes
            if d == "prep" and t.head.pos_ in ("NOUN", "PROPN") and cand.trig.kind == "noun":
                via_noun_prep = True
            if d == "relcl" or _is_background_step(t, d):
                break  # another clause: its own event (or a backdrop), not the content
            if head.i in found and head.i != word.i and found[head.i].trig.word.i != word.i:
                other = found[head.i]
                if d == "conj" and not (k == 0 and other.trig.type == cand.trig.type):
                    break
                if not via_noun_prep:
                    dominated_by = other
                break
        if dominated_by is not None:
            if dominated_by.trig.type == "AGREE" and cand.trig.type in _CONFLICT:
                # A promise of violence is a threat (CAMEO 13): "vowed to retaliate".
                dominated_by.trig = Trigger(
                    "THREATEN",
                    cand.trig.type.lower(),
                    dominated_by.trig.word,
                    dominated_by.trig.kind,
                    dominated_by.trig.other,
                )
            if dominated_by.trig.type == cand.trig.type or dominated_by.anchor.i == word.i:
                dominated_by.merged = (dominated_by.merged or []) + [cand.trig]
            continue
        cand.background = _background(path)
        keep.append(cand)
    # Verbs whose nominal trigger was folded in keep one event (the light verb is the anchor).
    seen, out = set(), []
    for c in keep:
        key = (c.anchor.i, c.trig.type)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    fore = [c for c in out if not c.background]
    # A background clause is coded only when the main clause has no event; a background
    # nominal that names both sides ("angry over the US killing of Soleimani") always is.
    return out if not fore else fore + [c for c in out if c.background and c.trig.kind == "noun"]


# Entities that say where an act happened, and when.
_WHERE = frozenset({"GPE", "LOC", "FAC"})
_WHEN = frozenset({"DATE", "TIME"})


def _particular(trig: Trigger) -> bool:
    """Whether an attack named by a noun alone, with no actor on either side, is one particular
    act rather than the kind of crime: it names whom it was done to ("the murder of a taxi driver",
    "the murders of three farmers": the victims of a crime are seldom actors of the dictionaries),
    or where and when it happened ("school shootings like the one in Parkland, Florida, last
    February")."""
    n = trig.word
    if trig.type != "ASSAULT":
        return False
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") and g.ent_type_ not in _WHEN:
                    if not literal.abstract(g):
                        return True
    sub = [t for t in n.subtree if t.i != n.i]
    if not any(t.ent_type_ in _WHERE for t in sub):
        return False
    start, end = n.left_edge.idx, n.right_edge.idx + len(n.right_edge)
    # the time tagger's dates (dateline_times), which read "last February" where the model's NER may not
    return any(t.ent_type_ in _WHEN for t in sub) or any(
        start <= t.start and t.end <= end and t.type in _WHEN for t in n.doc._.dateline_times or ()
    )


def _framed(path) -> bool:
    """ "An attempt to assassinate the governor was thwarted": a clause inside a frame noun
    is the act itself, not a description of a participant."""
    for t, d in path:
        if d in _DROP_PATH:
            return d == "acl" and t.head.lower_ in FRAME_NOUNS and t.head.ent_type_ == ""
    return False


def _is_background_step(t: Token, d: str) -> bool:
    marks = word_set("background_marks")
    if d == "advcl" and (t.pos_ == "ADJ" or any(c.dep_ == "mark" and c.lower_ in marks for c in t.children)):
        return True  # "after a coup toppled …", "angry over the killing of …"
    return (d == "pobj" and t.head.lower_ in marks) or (d == "prep" and t.lower_ in marks)


def _background(path) -> bool:
    return any(_is_background_step(t, d) for t, d in path)


def code_sentence(doc: Doc, sent: SpacySpan, start_id: int) -> list[Event]:
    article = doc._.dateline_article
    published = getattr(article, "published", None)
    events: list[Event] = []
    for cand in _candidates(sent):
        trig, anchor = cand.trig, cand.anchor
        if trig.kind == "verb":
            src, tgt = verb_roles(trig, anchor)
        else:
            src, tgt = noun_roles(trig, anchor)
        mode = trig.mode
        words = " ".join(t.text for t in trig.word.subtree) if trig.kind == "noun" else trig.word.text
        for m in cand.merged or ():
            # "killed in American airstrikes": the folded noun gives the mode and, when the verb
            # has no agent, the source.
            if m.mode in _WEAPONS or mode is None:
                mode = m.mode or mode  # the weapon ("air strike") says more than "killing"
            words += " " + " ".join(t.text for t in m.word.subtree)
            if src is None or tgt is None:
                s2, t2 = noun_roles(m, m.word)
                src = src or s2
                tgt = tgt or (t2 if t2 is not None and (src is None or t2.text != src.text) else None)
        if cand.background and trig.kind == "noun" and (src is None or tgt is None):
            continue  # "after 12 days of battles": no one named, a backdrop
        if (
            trig.kind == "noun"
            and anchor.i == trig.word.i
            and (src is None and tgt is None and not _particular(trig) or trig.type not in _STANDALONE)
        ):
            continue
        neg = status.negated(trig.word, anchor)
        hypo, by_intent, cond = status.hypothetical(anchor)
        kind = trig.type
        if hypo and cond:
            kind = "THREATEN"
        elif hypo and neg and kind in word_set("cooperative"):
            kind, neg = "REJECT", False
        elif hypo and kind in word_set("cooperative") and kind != "AGREE":
            mode, kind = trig.type.lower(), "AGREE"
        elif by_intent and kind in ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE"):
            mode, kind = trig.type.lower(), "THREATEN"
        if kind == "PROTEST" and src is not None and src.sector in _OFFICIAL and trig.word.lemma_.lower() == "protest":
            # A government "protests" in words: an official complaint (CAMEO 114), ACCUSE;
            # PLOVER's PROTEST is civilian demonstration.
            kind, mode = "ACCUSE", "complain"
        if kind == "PROTEST" and src is not None and src.sector is None and src.entity is None:
            # PLOVER's PROTEST is civilian demonstration: an unnamed crowd ("Georgians", "tens of
            # thousands of people") is the country's civilians.
            src = replace(src, sector="civilians")
        if trig.kind == "verb" and (
            senses.instruction(trig.word)
            or senses.question(trig.word)
            or senses.memory(trig.word)
            or senses.commerce(trig.word)
            or senses.enabling_thing(trig.word)
        ):
            continue  # "Sign up here.", "asked whether", "the spa offers", "revenue could allow" (senses.py)
        if kind == "ASSAULT" and literal.criticism(trig.word, src.sector if src else None, tgt.sector if tgt else None):
            kind, mode = "ACCUSE", "criticize"
        elif literal.figurative(kind, trig.kind, trig.word, anchor):
            continue  # "the smell hit you hard", "fought redlining" (literal.py)
        date, rule = status.event_date(doc, anchor, sent, published)
        if rule == "publication" and zone(anchor) == HEADLINE:
            # A headline tells the news of the day it was published, not of its whole month: left
            # undated, linking reads it as the day before publication to the day of it.
            date, rule = None, None
        # The source is who acted, not where ("Libya has offered"); a target may be the place.
        used = [(src.start, src.end)] if src is not None and src.start is not None else []
        place = place_of(doc, anchor, sent, used, trig.word)
        src, tgt = in_country(src, place), in_country(tgt, place)
        src, tgt = coalition_country(src, doc.text), coalition_country(tgt, doc.text)
        tgt_head = _target_head(anchor)
        toll = status.casualties(doc, anchor, trig.word, sent, tgt_head) if kind == "ASSAULT" else status.Toll()
        etype, sub = acled_type(kind, mode, src, tgt, f"{words} {src.text if src and src.text else ''}")
        w = trig.word
        events.append(
            Event(
                id=f"ev{start_id + len(events)}",
                type=kind,
                trigger=Span(w.idx, w.idx + len(w), w.text),
                sentence=Span(sent.start_char, sent.end_char, sent.text),
                mode=mode,
                source=src,
                target=_distinct(src, tgt),
                place=place,
                date=date,
                date_rule=rule,
                fatalities=toll.fatalities,
                fatalities_min=toll.fatalities_min,
                fatalities_text=toll.fatalities_text,
                cumulative=toll.cumulative,
                injured=toll.injured,
                negated=neg,
                hypothetical=hypo,
                historical=status.historical(date, published),
                reported_by=status.reported_by(doc, w, anchor),
                acled_event_type=etype,
                acled_sub_event_type=sub,
            )
        )
    return events


def _lead_day(doc: Doc, head_end: int, end: int | None) -> str | None:
    """The first day the lead names ("Flags filled the square on Saturday evening"), where it tells
    no event of its own to take the day from."""
    for t in doc._.dateline_times or ():
        if head_end <= t.start < (end if end is not None else len(text_of(doc))) and t.type in ("DATE", "TIME"):
            if len(t.value) >= 10 and t.value[:4].isdigit():
                return t.value[:10]
    return None


def _coded(actor: Actor | None) -> bool:
    """An actor with a code: a country or a sector."""
    return actor is not None and bool(actor.country or actor.sector)


def _distinct(src: Actor | None, tgt: Actor | None) -> Actor | None:
    if src is not None and tgt is not None and src.start is not None and src.start == tgt.start:
        return None
    return tgt


def _target_head(anchor: Token) -> Token | None:
    return next((c for c in anchor.children if c.dep_ in ("dobj", "nsubjpass")), None)


def code_doc(doc: Doc) -> list[Event]:
    return code_doc_told(doc)[0]


def code_doc_told(doc: Doc) -> tuple[list[Event], list[Event]]:
    """(the events, the headline's events the body tells again): those are not events of their
    own, but what the headline says of the event (often who did it: "Kurds kill 83 IS fighters")
    completes the body's telling (:func:`.main.select`)."""
    events: list[Event] = []
    for sent in doc.sents:
        events += code_sentence(doc, sent, len(events))
    # A headline tells the lead's event in fewer words ("Gunmen kill 12 villagers"), the inverted
    # pyramid of news writing: coded once, from the lead, which names who, where and when; a
    # headline event the lead does not tell stays (an attack further down is another one).
    body = [e for e in events if zone_at(doc, e.trigger.start) == BODY]
    head_end = bounds(doc)[0]
    end = doc_lead_end(doc, head_end) if head_end else None
    lead_events = [e for e in body if end is None or e.trigger.start < end]
    lead = next((e for e in body if e.date and e.date_rule in ("governing", "sentence")), None)
    lead_day = lead.date if lead is not None else _lead_day(doc, head_end, end)
    kept, retold = [], []
    for e in events:
        if zone_at(doc, e.trigger.start) == HEADLINE:
            if any(b.type == e.type and same_telling(e, b) for b in lead_events):
                retold.append(e)
                continue
            if e.date is None and lead_day is not None:
                e = replace(e, date=lead_day, date_rule="lead")  # the lead says when
        kept.append(e)
    return [replace(e, id=f"ev{i}") for i, e in enumerate(kept)], retold
