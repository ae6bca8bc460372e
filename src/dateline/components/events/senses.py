"""Senses of trigger verbs that tell no event, whatever the event type.

A lexicon of event verbs matches words, and the commonest of them have everyday senses a coder
would never code (the CAMEO codebook's examples are all of the event sense):

* an imperative at the head of its sentence instructs the reader ("Sign up here.", "Donate"):
  it reports nothing that happened;
* "ask" a question is no request (CAMEO 10 is a demand or an appeal for something to be done or
  given: "asked Turkey to close the straits", "asked for aid"), whether the question is given
  ("asked whether", "asked where", "was asked about") or left to the quote ("Winfrey asked.");
* "recall" a memory is no recall of an envoy (CAMEO 1622 withdraws people: an ambassador, troops);
  one recalls people only, and a gerund or a clause is remembered ("recalled telling him").
"""

from __future__ import annotations

from spacy.tokens import Token

from ...resolve import agents, dictionaries

# The subject, object and clause dependencies that make a verb anything but a bare imperative.
_NOT_IMPERATIVE = frozenset({"nsubj", "csubj", "nsubjpass", "aux", "auxpass", "mark"})
# Words that open an indirect question.
_QUESTION_WORDS = frozenset({"whether", "if", "what", "who", "whom", "whose", "which", "where", "when", "why", "how"})
# What is asked about (a topic), not asked for.
_ABOUT = frozenset({"about", "regarding", "concerning", "on"})
# What a request may be phrased with besides an object: an act to do, or something asked for.
_ASKED_FOR = frozenset({"xcomp"})
_PEOPLE_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE"})


def instruction(v: Token) -> bool:
    """ "Shut up!", "Sign up here.", "Donate": a verb in the imperative at the head of its sentence
    tells the reader to act; it reports no event."""
    first = next((t for t in v.sent if not t.is_punct and not t.is_space), None)
    return (
        v.pos_ == "VERB"
        and v.tag_ == "VB"
        and v.dep_ == "ROOT"
        and first is not None
        and first.i == v.i
        and not any(c.dep_ in _NOT_IMPERATIVE for c in v.children)
    )


def question(v: Token) -> bool:
    """ "Winfrey asked Harry whether they quit", "Asked where the report came from, he said",
    "was asked about stories in the press", "'Why?' Winfrey asked.": a question, not a request."""
    if (v.lemma_ or v.text).lower() != "ask" or v.pos_ != "VERB":
        return False
    children = list(v.children)
    if any(c.dep_ in _ASKED_FOR for c in children):
        return False  # "asked Turkey to close the straits"
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in children):
        return False  # "asked for federal aid"
    for c in children:
        if c.dep_ in ("ccomp", "advcl") and c.left_edge.lower_ in _QUESTION_WORDS:
            return True  # "asked whether they quit", "asked where it came from"
        if c.dep_ == "prep" and c.lower_ in _ABOUT:
            return True  # "was asked about stories"
        if c.dep_ == "dobj" and (c.lemma_ or "").lower() == "question":
            return True  # "asked a question"
    # "Winfrey asked." with the question in the quote before it: no object and nothing asked for.
    return not any(c.dep_ in ("dobj", "ccomp", "prep", "advcl") for c in children)


def memory(v: Token) -> bool:
    """ "Meghan recalled telling the royals", "recalling the events of that year": a memory. A
    recall that is a sanction withdraws people: its object is a person, a body or a role ("recalled
    its ambassador", "recalled the troops")."""
    if (v.lemma_ or v.text).lower() != "recall" or v.pos_ != "VERB":
        return False
    obj = next((c for c in v.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        return True  # "recalled telling him", '"It was hard," she recalled.'
    words = {obj.lower_, (obj.lemma_ or obj.text).lower()}
    people = obj.ent_type_ in _PEOPLE_ENTS or any(
        agents.sector_of(w) or agents.is_generic_agent(w) or dictionaries.agent(w) for w in words
    )
    return not people


# What a side offers another in CAMEO's sense (03, intent to cooperate; 07, aid): help, talks, a
# truce, terms. A business "offers" its goods ("the spa offers treatments", "will offer its
# flights"): commerce, no event.
_OFFERS = frozenset(
    """aid assistance help support cooperation talks negotiations dialogue ceasefire truce peace
    concession concessions compromise settlement deal agreement proposal plan asylum amnesty
    mediation resignation condolences apology troops loan loans money funds fund reward guarantee
    guarantees security protection shelter refuge access release exchange weapons arms olive
    branch hand terms incentives incentive sanctions relief bailout""".split()
)


def commerce(v: Token) -> bool:
    """ "The resort offers several venues", "will offer its flights in a single ticket": what a
    business sells is no offer of cooperation. An offer to do something ("offered to mediate") or
    of help, talks, a truce or terms stays one; an offer with no object is left as it is."""
    if (v.lemma_ or v.text).lower() != "offer" or v.pos_ != "VERB":
        return False
    children = list(v.children)
    if any(c.dep_ in ("xcomp", "ccomp") for c in children):
        return False
    objects = [c for c in children if c.dep_ in ("dobj", "dative")]
    things = [c for c in objects if c.dep_ == "dobj"]
    if not things:
        return False
    return not any({c.lower_, (c.lemma_ or "").lower()} & _OFFERS for c in things)


# Verbs of enabling that PLOVER codes as agreeing or aiding when a side does it ("Turkey allowed
# aid convoys to cross", "the US helped Iraq rebuild"); with a thing as subject they say what a
# thing makes possible ("the revenue could allow", "a successful review will help").
_ENABLING = frozenset({"allow", "help", "enable", "permit"})
_PERSONAL = frozenset({"i", "we", "you", "he", "she", "they", "who", "it", "one"})


def enabling_thing(v: Token) -> bool:
    """Whether an enabling verb's subject is a thing, not a side: a common noun no dictionary
    knows as an actor ("revenue", "observations", "the move", "the course structure")."""
    if (v.lemma_ or v.text).lower() not in _ENABLING or v.pos_ != "VERB":
        return False
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "csubj")), None)
    if subj is None or subj.dep_ == "csubj":
        return subj is not None
    if subj.ent_type_ in _PEOPLE_ENTS or subj.pos_ == "PROPN" or subj.lower_ in _PERSONAL:
        return False
    words = {subj.lower_, (subj.lemma_ or subj.text).lower()}
    return not any(agents.sector_of(w) or agents.is_generic_agent(w) or dictionaries.agent(w) for w in words)
