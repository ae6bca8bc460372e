"""Whether a violent trigger is meant literally: "the smell hit you hard" is no attack.

An attack, as PLOVER's ASSAULT and COERCE code it, is done by someone (a person, a group, a body,
a country) or by the weapon they used, to someone or something physical (people, a place, a
building, a vehicle). The words of violence are among the commonest metaphors of English ("hit
a hurdle", "fought redlining", "target the Python 3 audience", "executed the test suite"), so a
verb trigger is kept only where its parse allows the literal reading:

* its subject, where it has one, is not plainly a thing or a fact ("that hit me by surprise");
* the object of an ASSAULT verb, where it has one, is not plainly abstract: "fought redlining",
  "hit a major hurdle" are figurative (abstract by the noun's suffix or a short list of figurative
  objects, unless the noun is in the concrete lists below, built from general categories: people,
  places, buildings, vehicles, weapons; none from any evaluation text);
* it reports, not instructs: an imperative ("Shut up!") tells no event;
* an emergency declared over a disaster ("over the floods") coerces no one;
* it is no accident: "injured in a crash" is a road accident, not an assault;
* it is no idiom of its particle: "blown away" (amazed);
* "came under fire" from critics, or for what one did, and "hit out at" are criticism (ACCUSE).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ...resolve import agents, dictionaries
from .lexicon import lexicon
from .senses import instruction

_VIOLENT = frozenset({"ASSAULT", "COERCE"})
# Pronouns that stand for a thing or a fact, not for someone ("it" may be a state or a group).
_THING_PRONOUNS = frozenset({"this", "that", "these", "those", "what", "something", "nothing", "everything"})
# Named entities that can act (a country acts through its forces: "Russia attacked").
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
# Things people attack with, or that attack: a weapon or an armed vehicle ("a missile hit the
# building", "gunfire killed two"), beside the lexicon's attack nouns ("the blast killed").
_WEAPONS = frozenset(
    """bomb bombs missile missiles rocket rockets shell shells mortar mortars grenade grenades bullet bullets
    gunfire fire shrapnel explosive explosives device devices mine mines ied ieds drone drones jet jets
    warplane warplanes plane planes aircraft helicopter helicopters gunship gunships tank tanks artillery
    sniper snipers car truck vehicle vehicles boat boats ship ships warship warships violence weapon weapons
    gun guns knife knives machete machetes stone stones rock rocks shot shots round rounds bulldozer bulldozers""".split()
)
# Physical patients besides people and named places: places, buildings, vehicles (general
# categories of what an attack strikes; a patient outside them and outside the actors is abstract).
_PHYSICAL = frozenset(
    """city cities town towns village villages area areas region regions district districts province provinces
    neighborhood neighbourhood neighborhoods neighbourhoods street streets road roads highway highways bridge
    bridges border borders base bases camp camps position positions post posts outpost outposts checkpoint
    checkpoints building buildings house houses home homes hospital hospitals school schools mosque mosques
    church churches temple temples synagogue synagogues shrine market markets office offices headquarters
    embassy embassies consulate station stations airport airports port ports harbour harbor facility
    facilities plant plants factory factories compound compounds prison prisons jail hotel hotels restaurant
    shop shops store stores bank banks farm farms field fields territory territories target targets convoy
    convoys bus buses train trains vessel vessels tanker tankers airliner capital zone zones positions
    stronghold strongholds hideout hideouts depot depots warehouse warehouses pipeline pipelines refinery
    infrastructure grid dam palace parliament ministry court courthouse university campus stadium square
    crowd crowds rally protest protesters demonstrators gathering wedding funeral procession crossing crossings
    fortification fortifications installation installations settlement settlements building dwelling
    """.split()
)
_PATIENT_PEOPLE = frozenset(
    """people person persons man men woman women child children boy boys girl girls baby family families
    resident residents villager villagers civilian civilians victim victims passenger passengers worker
    workers student students teacher teachers doctor doctors journalist journalists farmer farmers member
    members supporter supporters fan fans officer officers guard guards driver drivers wife husband son
    daughter mother father brother sister relative relatives neighbor neighbour friend friends suspect
    suspects body bodies dozens hundreds thousands scores""".split()
)
# What "in a …" names as an accident, not an attack: "injured in the crash".
_ACCIDENTS = frozenset(
    """crash crashes accident accidents collision collisions fall landslide landslides flood floods storm
    storms earthquake quake avalanche stampede derailment mudslide""".split()
)
# A particle that turns the verb into an idiom: "blown away" (amazed), "shut up" (be quiet).
_IDIOMS = frozenset({("blow", "away"), ("shut", "up")})


def _word(tok: Token) -> tuple[str, str]:
    return tok.lower_, (tok.lemma_ or tok.text).lower()


def _agent_noun(tok: Token) -> bool:
    low, lemma = _word(tok)
    return any(
        agents.sector_of(w) or agents.is_generic_agent(w) or dictionaries.agent(w) or agents.country_of(tok.text)
        for w in (low, lemma)
    )


def _attack_noun(w: str) -> bool:
    return lexicon()["nouns"].get(w, ("",))[0] == "ASSAULT"


def can_act(tok: Token) -> bool:
    """Whether a subject may have carried out an attack. Only a thing the words plainly name is
    ruled out: "that", "this" (a fact: "that hit me by surprise") or a product or a work ("the RTX
    3000 series hit the shelves"); a common noun is not judged (war news makes a "unit", a
    "barrage", "hours of shelling" or "the war" the subject of its verbs)."""
    if tok.pos_ == "PRON":
        # a relative "that" stands for its antecedent ("an attack that rebels say killed 40")
        return tok.lower_ not in _THING_PRONOUNS or tok.head.dep_ == "relcl" or tok.tag_ == "WDT"
    return tok.ent_type_ not in ("PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE")


def abstract(tok: Token) -> bool:
    """Whether an attack's object is plainly abstract: a common noun of an abstract kind (by its
    suffix: "redlining", "criticism", "a decision") or of the small list of figurative objects
    ("a hurdle", "stories"), and none of the concrete ones (people, places, buildings, vehicles,
    weapons, the actors of the agents dictionary, the event nouns: "launched an offensive")."""
    if tok.ent_type_ or not (tok.pos_ == "NOUN" or tok.tag_ == "VBG" and tok.dep_ in ("dobj", "xcomp")):
        return False  # a noun, or a gerund as object ("fought redlining")
    low, lemma = _word(tok)
    if not (_ABSTRACT_SUFFIX.search(lemma) or _ABSTRACT_SUFFIX.search(low) or lemma in _ABSTRACT or low in _ABSTRACT):
        return False
    concrete = (
        low in _PHYSICAL
        or lemma in _PHYSICAL
        or low in _PATIENT_PEOPLE
        or lemma in _PATIENT_PEOPLE
        or low in _WEAPONS
        or lemma in _WEAPONS
        or _agent_noun(tok)
        or lexicon()["nouns"].get(low) is not None
        or lexicon()["nouns"].get(lemma) is not None
    )
    return not concrete


# Suffixes of abstract nouns (states, acts, qualities, doctrines, practices); the concrete nouns
# that share them ("station", "building", "city", "settlement") are in _PHYSICAL or the actors.
_ABSTRACT_SUFFIX = re.compile(r"(?:tion|sion|ment|ness|ity|ism|ance|ence|ship|cy|ing|hood|dom)s?$")
# Objects of the commonest figurative "hit", "fight", "target", "attack": obstacles, records,
# markets of goods, ideas and what is said.
_ABSTRACT = frozenset(
    """hurdle hurdles snag snags obstacle obstacles roadblock roadblocks record records high highs low lows
    milestone milestones jackpot shelves note notes story stories policy policies idea ideas plan plans
    proposal proposals claim claims rumor rumors rumour rumours problem problems issue
    issues audience audiences bill bills rule rules law laws tax taxes""".split()
)


# Disasters and epidemics: what an emergency is declared, or a curfew imposed, over or because of
# when no one is coerced ("declared a state of emergency over the floods"), beside the accidents.
_DISASTERS = _ACCIDENTS | frozenset(
    """fire fires wildfire wildfires bushfire bushfires blaze blazes drought droughts hurricane hurricanes
    cyclone cyclones typhoon typhoons tornado tornadoes tsunami eruption eruptions volcano heatwave heatwaves
    snowstorm snowstorms blizzard flooding rains rainfall famine pandemic epidemic outbreak outbreaks virus
    coronavirus covid cholera ebola disease diseases smog pollution spill spills""".split()
)
# The words that give the reason for a measure.
_BECAUSE = frozenset({"over", "amid", "after", "following", "because", "due", "for", "against"})


def against_disaster(v: Token) -> bool:
    """ "Amazonas declared a state of emergency over the rising number of forest fires": an
    emergency or a curfew declared against a disaster or an epidemic coerces no one (CAMEO 1724,
    "impose state of emergency or martial law", is a measure against people); the reason is a
    phrase of the verb or of its object that names a disaster."""
    heads = [v, *(c for c in v.children if c.dep_ in ("dobj", "nsubjpass"))]
    for h in heads:
        for c in h.children:
            if c.dep_ in ("prep", "advmod", "mark") and c.lower_ in _BECAUSE:
                words = {(t.lemma_ or t.text).lower() for t in c.subtree} | {t.lower_ for t in c.subtree}
                if words & _DISASTERS:
                    return True
    return False


def figurative(kind: str, trigger_kind: str, word: Token, anchor: Token) -> str | None:
    """Why a violent verb trigger is not meant literally, or ``None`` where it may be."""
    if kind not in _VIOLENT or trigger_kind != "verb" or word.i != anchor.i:
        return None
    v = word
    lemma = (v.lemma_ or v.text).lower()
    children = list(v.children)
    if any(c.dep_ in ("prt", "advmod") and (lemma, c.lower_) in _IDIOMS for c in children):
        return "an idiom"
    subj = next((c for c in children if c.dep_ in ("nsubj", "csubj")), None)
    passive = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if instruction(v):
        return "an instruction, not a report"
    by = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    doer = subj if subj is not None else by
    if doer is not None and not can_act(doer):
        return f"done by a thing ({doer.text!r})"
    for c in children:
        if (
            c.dep_ == "prep"
            and c.lower_ in ("in", "after")
            and any(
                g.dep_ == "pobj" and (g.lower_ in _ACCIDENTS or (g.lemma_ or "").lower() in _ACCIDENTS)
                for g in c.children
            )
        ):
            return "an accident"
    if kind == "COERCE" and against_disaster(v):
        return "a measure against a disaster, not against anyone"
    if lemma == "shut" and passive is None and not any(c.dep_ in ("dobj", "prt") for c in children):
        return "a closing, not a closure by force"  # "cinemas will shut": shut is ergative
    if kind == "ASSAULT":
        # The object, else the passive subject, else the one attacked "at", "on" or "against".
        # A gerund the parse hangs as a complement is the object too: "fought gerrymandering".
        patient = next(
            (c for c in children if c.dep_ == "dobj" or c.dep_ == "xcomp" and c.tag_ == "VBG"), passive
        ) or next(
            (g for c in children if c.dep_ == "prep" and c.lower_ in _AT for g in c.children if g.dep_ == "pobj"),
            None,
        )
        if patient is not None and abstract(patient):
            return f"done to something abstract ({patient.text!r})"
    return None


_AT = frozenset({"at", "on", "against", "upon"})


# Sectors that fight: fire from them is gunfire.
_ARMED = frozenset({"military", "rebels", "militia", "police", "criminals", "intelligence"})


def criticism(word: Token, source_sector: str | None, target_sector: str | None) -> bool:
    """ "came under fire from a former chief whip for failing to inform MPs": criticism (ACCUSE),
    not gunfire, where a reason is given ("for", "over") or the parties named are sectors that do
    not fight; "troops came under fire from militants" stays an attack."""
    if word.pos_ == "VERB" and (word.lemma_ or "").lower() == "hit":
        # "hit out at the decision": the idiom of a verbal attack (criticize)
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in word.children)
    if word.lower_ != "fire" or word.dep_ != "pobj" or word.head.lower_ != "under":
        return False
    verb = word.head.head
    if any(c.dep_ == "prep" and c.lower_ in ("for", "over") for c in (*verb.children, *word.children)):
        return True
    sectors = {s for s in (source_sector, target_sector) if s}
    return bool(sectors) and not sectors & _ARMED
