"""Who did it to whom: source and target of a trigger, read off the dependency parse.

The roles follow the PLOVER manual's definition of an event as source actor → target actor:
the grammatical subject is the source (the agent of a passive), the object, indirect object
or the actor in a "to/against/on/with" phrase the target. Nouns take their source from a
possessive or nationality modifier ("Washington's support", "American airstrikes") or from
the light verb that carries them ("the Iraqi government drew condemnation"), and their target
from "on/against/of" phrases ("strikes on militia groups", "the killing of Soleimani").
"""

from __future__ import annotations

from spacy.tokens import Token

from ...records import Actor
from ...resolve.agents import country_names, country_of, is_generic_agent, sector_of
from .lexicon import Trigger, match, noun_trigger, verb_trigger, word_set
from .participants import actor_of, conjuncts, is_pronoun, is_time
from .zones import HEADLINE, same_zone, zone

_SUBJ = ("nsubj", "csubj", "expl")
_TARGET_PREPS = ("to", "against", "on", "with", "at", "from", "into", "toward", "towards", "for", "over", "upon")
_NOUN_TARGET_PREPS = ("on", "against", "of", "with", "to", "at", "upon", "targeting", "into")
# Acts two parties do together: "X and Y held talks" is X meeting Y.
_RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT"}
# Sectors of the people a body sends: its fighters, troops, forces, members.
_MEMBERS = {"rebels", "militia", "military"}
_CLIMB = ("xcomp", "conj", "advcl", "ccomp", "acomp", "pcomp", "prep")


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from the verb it depends on when it has none
    ("agreed to provide", "rioted …, setting fire"), and a pronoun resolved to the nearest
    named subject above it ("Turkey said it had asked")."""
    if misparsed_clause(verb) and same_zone(verb.head, verb):
        return verb.head  # "US-led air strikes killed at least 20 fighters ... a monitor said"
    tok: Token | None = verb
    pronoun = None
    for step in range(6):
        if tok is None:
            break
        if not same_zone(tok, verb):
            # No subject borrowed from the headline (see .zones); the lead's own, cut off by the
            # parse, instead ("Jihadists from Boko Haram killed", parsed as a conjunct).
            orphan = _orphan_subject(verb)
            if orphan is not None:
                return orphan
            break
        deps = _SUBJ if step == 0 else (*_SUBJ, "nsubjpass")  # "X was quoted as saying he …"
        # not a date line parsed as a second subject: "Fri Apr 29 2016 Kurds kill 83"
        subjs = [c for c in tok.children if c.dep_ in deps and not is_time(c)]
        subj = next((c for c in subjs if same_zone(c, verb)), subjs[0] if subjs else None)
        if subj is not None and not same_zone(subj, verb):
            subj = _orphan_subject(verb)
            if subj is None:
                return None
        if subj is not None and subj.pos_ == "VERB":
            # A mis-parsed participle as subject ("The Red Cross operating in Iraq said"):
            # its own subject is the actor.
            subj = next((c for c in subj.children if c.dep_ in ("nsubj", "nsubjpass")), subj)
        if subj is not None and subj.dep_ != "expl":
            if not is_pronoun(subj):
                return subj
            pronoun = pronoun or subj
        if tok.dep_ not in _CLIMB or tok.head.i == tok.i:
            break
        tok = tok.head
    if pronoun is not None and pronoun.lower_ not in ("who", "which", "that"):
        return _antecedent(pronoun)
    return pronoun or _after_intro(verb)


def _speaker_above(v: Token, subj: Token) -> bool:
    """The subject was borrowed from a verb of saying that governs ``v`` ("the opposition claims
    [it] killed hundreds"): the speaker of a report, not the verb's own subject."""
    return subj.head.i != v.i and subj.head.lemma_.lower() in word_set("speech_verbs") and v.dep_ == "ccomp"


def headline_participle(verb: Token) -> bool:
    """Headlinese drops the auxiliary: "100 militants killed by army in Aleppo" is "100 militants
    [were] killed ...", parsed as a participle hung on the headline's root noun; it is the
    headline's predicate, not a description of the noun (Mårdh 1980, *Headlinese*)."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.head.dep_ == "ROOT"
        and verb.head.pos_ in ("NOUN", "PROPN")
        and zone(verb) == HEADLINE
    )


def _report_noun(tok: Token) -> bool:
    """A common noun of saying ("the opposition claims", "reports") taken for a subject: its owner is
    who says, not who acts (not a name: "Islamic State" is no statement)."""
    return tok.pos_ == "NOUN" and not tok.ent_type_ and tok.lemma_.lower() in word_set("speech_verbs")


def misparsed_clause(verb: Token) -> bool:
    """A past-tense verb with its own direct object that the parser hung on a noun as a participle
    ("US-led air strikes killed at least 20 fighters ... a monitor said", parsed as "strikes
    [which were] killed"): a passive participle takes no direct object, so this is the noun's own
    clause, the noun its subject."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ in ("VBD", "VBN")
        and verb.head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "dobj" for c in verb.children)
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)
    )


def _after_intro(verb: Token) -> Token | None:
    """The subject a stripped comma hid in an opening phrase: "According to the report ISIS has
    executed 367 people" (the name just before the verb's auxiliary, hung on the phrase)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    first = min([verb, *auxes], key=lambda t: t.i)
    if first.i == 0 or any(c.dep_ in (*_SUBJ, "nsubjpass") for c in verb.children):
        return None
    before = verb.doc[first.i - 1]
    if (
        before.pos_ in ("PROPN", "NOUN")
        and before.head.i != verb.i
        and same_zone(before, verb)
        and before.sent == verb.sent
    ):
        return before
    return None


def _orphan_subject(verb: Token) -> Token | None:
    """The lead's subject when the parser hung it on the headline or the dateline
    ("MOGADISHU, Somalia - Al-Shabaab fighters stormed", parsed as an apposition of the
    dateline city): the last noun of the verb's zone before it whose head lies outside the zone."""
    found = None
    for t in verb.doc[verb.sent.start : verb.i]:
        if t.pos_ in ("NOUN", "PROPN") and same_zone(t, verb) and not same_zone(t, t.head):
            found = t
    return found


def _antecedent(pron: Token) -> Token | None:
    """The subject of the sentence before, for a pronoun with none in its own (one-step
    recency, the usual baseline for subject pronouns in news; Hobbs 1978 in its simplest form)."""
    sent = pron.sent
    if sent.start == 0:
        return None
    prev = pron.doc[sent.start - 1].sent
    subj = next((t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
    return subj if subj is not None and not is_pronoun(subj) else None


def _possessor(tok: Token, actor: Actor) -> Actor:
    """ "Bosnian Serbs said their forces had withdrawn": "their" lends its country."""
    if not any(c.dep_ == "poss" and is_pronoun(c) for c in tok.children):
        return actor
    if actor.country is not None and actor.sector not in _MEMBERS:
        return actor
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subj = subject_of(verb.head) if verb.dep_ in ("ccomp", "xcomp", "conj", "advcl") else None
    if subj is None or subj.i == tok.i:
        return actor
    owner = actor_of(subj)
    if owner is not None and owner.entity is not None and actor.entity is None and actor.sector in _MEMBERS:
        # "JNIM said its fighters had attacked": a named group's fighters are the group acting.
        return Actor(
            name=owner.name,
            country=owner.country,
            sector=owner.sector,
            entity=owner.entity,
            text=actor.text,
            start=actor.start,
            end=actor.end,
            code_source=owner.code_source,
        )
    if owner is None or owner.country is None or actor.country is not None:
        return actor
    words = [w for w in (actor.name or "").split() if w.lower() not in ("its", "their", "his", "her", "our")]
    return Actor(
        name=" ".join([country_names().get(owner.country, owner.name), *words]),
        country=owner.country,
        sector=actor.sector,
        entity=actor.entity,
        text=actor.text,
        start=actor.start,
        end=actor.end,
        code_source=actor.code_source or owner.code_source,
    )


def first_actor(tokens, depth: int = 2) -> tuple[Token, Actor] | None:
    """The first of ``tokens`` that names an actor, through the phrases of things (see ``_first_actor``)."""
    return _first_actor(tokens, depth)


def _poss_antecedent(pron: Token) -> Token | None:
    """The actor a possessive "their"/"its" refers to: the nearest actor named before it in its
    sentence, not the speaker of the sentence, the first of a coordination ("the regime and its
    allies ... their bombardment" is the regime's)."""
    if pron.lower_ not in ("their", "its"):
        return None
    for t in reversed(list(pron.doc[pron.sent.start : pron.i])):
        if t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"):
            continue
        if t.dep_ in ("nsubj",) and t.head.lemma_.lower() in word_set("speech_verbs") | {"accuse"}:
            continue  # who reports or accuses is not who is reported on
        while t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN"):
            t = t.head
        a = actor_of(t)
        if a is not None and not is_victim(a):
            return t
    return None


def _pobjs(tok: Token, preps) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def _first_actor(tokens, depth: int = 2) -> tuple[Token, Actor] | None:
    """The first token that names an actor; a thing is searched through its own phrases
    ("aid to Mozambique", "the computers of South Korean army officers")."""
    for t in tokens:
        if t is None:
            continue
        if t.dep_ == "poss" and is_pronoun(t):
            # "accused the regime and its allies of using chemical weapons in their bombardment"
            ante = _poss_antecedent(t)
            if ante is not None:
                a = actor_of(ante)
                if a is not None:
                    return ante, a
            continue
        a = actor_of(t)
        if a is not None:
            return t, _possessor(t, a)
        # Not through another event noun: "in response to a missile strike on the base" names
        # the target of that strike, not of this act.
        if depth and t.pos_ in ("NOUN", "PROPN", "ADJ"):
            # Through another event noun only to its author ("a demand from the US President").
            preps = (
                ("from", "by", "between", "with")
                if noun_trigger(t) is not None
                else (*_NOUN_TARGET_PREPS, "for", "between", "in", "from")
            )
            inner = _first_actor(_pobjs(t, preps), depth - 1)
            if inner is not None:
                return inner
    return None


def _owner(noun: Token) -> list[Token]:
    """Possessive and nationality modifiers: "a U.S. request", "Washington's support"."""
    return [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i]


def verb_roles(trig: Trigger, anchor: Token) -> tuple[Actor | None, Actor | None]:
    v = anchor
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
    # A headline's reduced passive: "70 militants killed in Syrian and Russian airstrikes", "43
    # killed in army shelling" (a participle with no auxiliary and no object; its subject suffered).
    # A killing verb with no object is one too ("70 ISIS terrorists killed and many injured in ..."):
    # who kills, kills someone.
    reduced = (
        not passive
        and trig.type in _VIOLENT
        and (v.tag_ == "VBN" or (v.tag_ == "VBD" and v.lemma_.lower() in _HARM))
        and not any(c.dep_ in ("aux", "auxpass", "dobj", "dative") for c in v.children)
        and not any(c.dep_ == "dobj" for k in v.children if k.dep_ == "conj" for c in k.children)
    )
    subj = subject_of(v)
    agents = _pobjs(v, ("by",))
    if passive or reduced:
        src = _first_actor(agents)
        patient = next((c for c in v.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        if reduced:
            passive = True
            if v.dep_ == "acl" and patient is None:
                patient = v.head  # "10 Syrian troops killed in clashes with IS"
    else:
        if subj is not None and trig.type in _VIOLENT and (_speaker_above(v, subj) or _report_noun(subj)):
            # "a massacre that the opposition claims killed hundreds" (also parsed with "the opposition
            # claims" as the subject noun): who says is not who acts
            subj = None
        src = _first_actor([subj]) if subj is not None else None
        if src is None and subj is not None and trig.type in _VIOLENT and _violent_noun(subj):
            # "Fierce government bombardment has killed 43", "Russian strikes killed ...": the
            # attack is the subject, who made it is its owner or its agent
            src = attack_agent(subj)
        patient = None
    if passive and src is None and trig.type in _VIOLENT:
        # "killed in Russian airstrikes", "killed in airstrikes by Russian forces", "killed in clashes
        # with Kurdish fighters": the act the victims died in names who acted
        src = _instrument_source(v, patient)
    src_tok = src[0] if src else None
    if passive and src is None and trig.other is not None and patient is not None:
        # "Serb forces were engaged in ethnic cleansing": a stative passive, its subject acts.
        src, patient = _first_actor([patient]), None
        src_tok = src[0] if src else None
    cands: list[Token] = [patient] if patient is not None else []
    cands += _object_cands(v, trig)
    cands += _complement_cands(v, trig, depth=2)
    if v.dep_ in ("xcomp", "advcl") and v.head.pos_ == "VERB":
        # "summoned the ambassador to complain": the object of the verb it serves.
        cands += [c for c in v.head.children if c.dep_ == "dobj"]
    # Last resort, the place an act is aimed at ("remained on alert in the West Bank",
    # "shortened the curfew imposed in Sudan").
    cands += _pobjs(v, ("in",))
    for d in (c for c in v.children if c.dep_ == "dobj"):
        for c in d.children:
            if c.dep_ in ("acl", "relcl"):
                cands += _pobjs(c, ("in",))
    for c in v.children:
        if c.dep_ in ("xcomp", "ccomp"):
            cands += _pobjs(c, ("in",))
    if src_tok is not None and trig.type in _RECIPROCAL:
        cands = conjuncts(src_tok)[1:] + cands
    tgt = _first_actor(t for t in cands if (src_tok is None or t.i != src_tok.i) and same_zone(t, v))
    if (
        trig.type == "ASSAULT"
        and tgt is not None
        and (not _agent_word(tgt[0]) or (tgt[0].dep_ == "pobj" and tgt[0].head.lower_ == "in"))
    ):
        # "struck a command centre in Jouaiya, killing Taleb Abdallah": the people killed are
        # the target, the building or the town only where they were (PLOVER targets are actors).
        killed = _first_actor(
            g
            for c in v.children
            if c.dep_ == "advcl" and c.lemma_.lower() in _HARM
            for g in c.children
            if g.dep_ in ("dobj", "nsubjpass")
        )
        tgt = killed or tgt
    if tgt is None and src_tok is not None:
        # Reciprocal subjects ("Israel and the Palestinians reached a consensus").
        tgt = _first_actor(conjuncts(src_tok)[1:])
    if trig.type in _VIOLENT and src is not None and is_victim(src[1]):
        # "Four civilians died in the blast": the harmed are never who attacked
        tgt, src = tgt or src, None
    if trig.type in _VIOLENT and src is not None and src[1].sector in _REPORTERS:
        src = None  # "... kill 20 fighters Monitor": who reports an attack did not carry it out
    return (src[1] if src else None), (tgt[1] if tgt else None)


_HARM = {"kill", "wound", "injure", "massacre", "execute"}
_ARMED = {"military", "rebels", "militia", "police", "government"}
_VIOLENT = {"ASSAULT", "COERCE"}
_REPORTERS = {"media", "NGO"}  # outlets, monitors, aid groups: they report attacks, they make none
_FORCES_WORDS = {
    "army",
    "forces",
    "troops",
    "regime",
    "military",
    "militants",
    "rebels",
    "jihadists",
    "militia",
    "militias",
}
# Fighting between sides: "killed in clashes with X" (X acted), "clashes between X and Y".
_FIGHTS = {"clash", "clashes", "fighting", "fight", "battle", "battles", "combat", "confrontation", "confrontations"}
# Words for the people an attack harms: never its source ("Four civilians died in the blast").
VICTIMS = {
    "people",
    "persons",
    "civilian",
    "civilians",
    "child",
    "children",
    "kids",
    "women",
    "woman",
    "men",
    "residents",
    "villagers",
    "inhabitants",
    "citizens",
    "families",
    "family",
    "refugees",
    "patients",
    "students",
    "pupils",
    "worshippers",
    "victims",
    "bodies",
    "casualties",
    "passengers",
    "dead",
    "wounded",
}
# Verbs whose subject is the one harmed: "40 Syrians died in a depot blast".
# "IS lost 40 fighters in the fighting": the one who loses people in an act suffered it.
_SUFFER = {"die", "perish", "suffocate", "drown", "succumb", "suffer", "sustain", "lose"}
# Modifiers of an attack that name its means, not who carried it out ("artillery bombardments",
# "air raids"): the source is then the one the clause names.
_MEANS = {
    "artillery",
    "air",
    "aerial",
    "rocket",
    "rockets",
    "missile",
    "mortar",
    "mortars",
    "tank",
    "drone",
    "helicopter",
    "naval",
    "ground",
    "sniper",
    "barrel",
    "car",
    "suicide",
    "chemical",
}


def _instrument_source(v: Token, patient: Token | None) -> tuple[Token, Actor] | None:
    """Who carried out the act a passive victim suffered: the owner of the attack noun or its "by"
    phrase ("in Syrian or Russian air raids", "in airstrikes by Russian forces"), the other side
    of a fight ("in clashes with Kurdish fighters", "clashes between the army and IS")."""
    preps = ("in", "by", "during", "after", "amid", "under", "following")
    # each of coordinated causes is one ("killed in clashes and U.S.-led coalition air strikes")
    nouns = [c for n in _pobjs(v, preps) for c in conjuncts(n)]
    # and the clause's other verbs and participles ("killed and 50 wounded in airstrikes", "70 killed
    # and many injured in Syrian and Russian airstrikes"), not a noun's own phrases ("a camp in Homs")
    nouns += [
        g
        for c in v.subtree
        if c.dep_ == "prep" and c.lower_ in preps and c.head.i != v.i and c.head.pos_ in ("VERB", "ADJ")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    victim = actor_of(patient) if patient is not None else None

    def other_side(sides):
        for side in sides:
            found = _first_actor([side])
            if found is not None and not _same_side(found[1], victim) and not is_victim(found[1]):
                return found
        return None

    for n in nouns:
        if n.lower_ in _FORCES_WORDS or any(c.dep_ in ("acl", "compound") and _violent_noun(c) for c in n.children):
            # "43 killed in Syria army shelling", "after rebel shelling": parsed with the army or the
            # rebels as the object of the preposition and the attack hung on them
            found = _first_actor([n])
            if found is not None and found[1].sector in ("military", "government", "rebels", "militia"):
                return found
        between = [c for b in _pobjs(n, ("between",)) for c in conjuncts(b)]
        if n.lemma_.lower() in _FIGHTS or n.lower_ in _FIGHTS:
            found = other_side(_pobjs(n, ("with", "against")) + between)
            if found is not None:
                return found
            continue
        # the attack noun, or a frame of one: "the bombing campaign by the Assad regime"
        attack = _violent_noun(n) or any(c.dep_ in ("compound", "amod") and _violent_noun(c) for c in n.children)
        if not attack:
            continue
        found = attack_agent(n) or other_side(between)  # "mutual shelling between regime forces and ISIS"
        if found is not None:
            return found
    # "were killed when Russian jets fired vacuum missiles on a market": the clause that tells the
    # attack names who made it
    clauses = [c for k in (v, *[k for k in v.children if k.dep_ == "conj"]) for c in k.children]
    for c in clauses:
        if c.dep_ == "advcl" and any(
            g.dep_ in ("advmod", "mark") and g.lower_ in ("when", "as", "after") for g in c.children
        ):
            if c.pos_ == "VERB":
                subj = subject_of(c)
                found = _first_actor([subj]) if subj is not None else None
                # the clause's act is an attack, or its subject an armed force ("when Syrian regime
                # helicopters dropped barrel bombs on a district"), not the victims' own doing
                armed = found is not None and found[1].sector in _ARMED
                if found is not None and not is_victim(found[1]) and ((match_verb(c) or "") in _VIOLENT or armed):
                    return found
    return None


# Verbs that say who carried out an act named by a noun: "raids carried out by Russian jets", "the
# attack was conducted by the coalition", "a bombing perpetrated by IS".
_CARRY = {"carry", "conduct", "launch", "perpetrate", "stage", "mount", "commit"}


def attack_agent(n: Token) -> tuple[Token, Actor] | None:
    """Who carried out the attack a noun names: its owner ("government bombardment", "Russian
    strikes", not the means: "air raids"), its "by" phrase, or the agent of the verb saying who
    carried it out, in a clause on the noun ("raids which were likely carried out by Russian jets")
    or with the noun as its subject ("the strike was suspected to have been carried out by Russian
    planes")."""
    found = _first_actor([o for o in _owner(n) if o.lower_ not in _MEANS]) or _first_actor(_pobjs(n, ("by",)))
    if found is not None:
        return found
    verbs = [c for c in n.children if c.dep_ in ("relcl", "acl")]
    if n.dep_ in ("nsubjpass", "nsubj"):
        verbs.append(n.head)
        verbs += [c for c in n.head.children if c.dep_ == "xcomp"]
        verbs += [g for c in n.head.children if c.dep_ == "xcomp" for g in c.children if g.dep_ == "xcomp"]
    for v in verbs:
        if v.lemma_.lower() in _CARRY:
            found = _first_actor(_pobjs(v, ("by",)))
            if found is not None and not is_victim(found[1]):
                return found
    return None


def _violent_noun(n: Token) -> bool:
    """An attack noun, also where the tagger took it for a verb ("after rebel shelling")."""
    trig = noun_trigger(n) or match(n)
    return trig is not None and trig.type in _VIOLENT


def match_verb(v: Token) -> str | None:
    """The PLOVER type a verb triggers, if any."""
    trig = verb_trigger(v)
    return trig.type if trig is not None else None


def _same_side(a: Actor, b: Actor | None) -> bool:
    if b is None:
        return False
    if a.entity is not None and a.entity == b.entity:
        return True
    return a.country is not None and a.country == b.country and a.sector == b.sector


def is_victim(actor: Actor | None, tok: Token | None = None) -> bool:
    """The people an attack harms, named as such ("civilians", "four children", "people")."""
    if actor is None or actor.entity is not None:
        return False
    words = (actor.text or actor.name or "").lower().split()
    return bool(words) and words[-1] in VICTIMS


def _agent_word(tok: Token) -> bool:
    """A word for someone (a named actor, a nationality, a role), not for a thing."""
    return bool(
        tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or sector_of(tok.text)
        or country_of(tok.text)
        or is_generic_agent(tok.text)
    )


def _complement_cands(v: Token, trig: Trigger, depth: int) -> list[Token]:
    """Subjects and objects of the clauses a verb governs ("refused to allow UN planes to
    land", "demanded that China drop barriers"), two levels down."""
    cands: list[Token] = []
    for c in v.children:
        if c.dep_ in ("ccomp", "xcomp", "advcl"):
            if c.dep_ != "advcl":
                cands += [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
            if c.dep_ != "advcl" or any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                cands += _object_cands(c, trig)
                if depth > 1:
                    cands += _complement_cands(c, trig, depth - 1)
    return cands


def _object_cands(v: Token, trig: Trigger) -> list[Token]:
    cands = [c for c in v.children if c.dep_ in ("dative", "iobj")]
    dobjs = [c for c in v.children if c.dep_ == "dobj"]
    other = trig.other
    for d in dobjs:
        decided = other is not None and (d.i == other.i or other.i in {t.i for t in d.subtree})
        # Forces withdrawn or mobilized are the instrument, not the target ("withdraw its
        # peacekeeping force from Chad", "mobilized reservists for a war against Iraq").
        if not decided and trig.type not in ("RETREAT", "MOBILIZE"):
            cands.append(d)
        cands += _pobjs(d, _NOUN_TARGET_PREPS)
        for c in d.children:
            if c.dep_ in ("acl", "relcl"):
                cands += [g for g in c.children if g.dep_ in ("dobj",)] + _pobjs(c, _TARGET_PREPS)
    if other is not None and other.i not in {d.i for d in dobjs}:
        cands += _pobjs(other, _NOUN_TARGET_PREPS)
    if trig.type == "THREATEN" or trig.kind == "verb":
        # "threatened to strike unless Israel rescinded …": the one who must comply.
        for c in v.children:
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
                cands += [g for g in c.children if g.dep_ == "nsubj"]
    cands += _pobjs(v, _TARGET_PREPS)
    return cands


def noun_roles(trig: Trigger, anchor: Token) -> tuple[Actor | None, Actor | None]:
    src, tgt = _noun_roles(trig, anchor)
    if trig.type in _VIOLENT and is_victim(src):
        src, tgt = None, tgt or src  # "40 Syrians die in depot blast": the dead did not set it off
    if trig.type in _VIOLENT and src is not None and src.sector in _REPORTERS:
        src = None
    return src, tgt


def _noun_roles(trig: Trigger, anchor: Token) -> tuple[Actor | None, Actor | None]:
    n = trig.word
    src = _first_actor([o for o in _owner(n) if o.lower_ not in _MEANS])
    tgt_toks = _pobjs(n, _NOUN_TARGET_PREPS)
    tgt = _first_actor(t for t in tgt_toks if not (src and t.i == src[0].i))
    if anchor.i != n.i:
        v = anchor
        subj = subject_of(v)
        if v.lemma_.lower() in word_set("receive_verbs"):
            # "has not received a request from the Iraqi government": the sender is the source,
            # the one receiving it the target.
            src = src or _first_actor(_pobjs(n, ("from", "by")) + _pobjs(v, ("from", "by")))
            tgt = tgt or _first_actor([subj] if subj is not None else [])
            if tgt is None and v.dep_ == "relcl":
                # "airstrikes that have drawn condemnation": whoever carried out the airstrikes.
                tgt = _first_actor([v.head]) or _agent_of_thing(v.head)
        else:
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
            suffer = v.lemma_.lower() in _SUFFER  # "died in the blast": the subject is harmed
            subj_l = [subj] if subj is not None and not passive and not suffer and subj.i != n.i else []
            src = src or _first_actor(subj_l + _pobjs(n, ("by",)) + _pobjs(v, ("by",)))
            if tgt is None and src is not None and trig.type in _RECIPROCAL:
                tgt = _first_actor(t for t in conjuncts(src[0])[1:])
            if tgt is None:
                _, t = verb_roles(Trigger(trig.type, None, v, "verb", n), v)
                tgt = (None, t) if t is not None else None
    else:
        src = src or _first_actor(_pobjs(n, ("by",))) or _claimed_by(n) or _by_above(n)
        if tgt is None:
            tgt = _targets_of(n)
    if src is None and trig.type in _VIOLENT:
        src = attack_agent(n)
    return (src[1] if src else None), (tgt[1] if tgt else None)


def _agent_of_thing(n: Token) -> tuple[Token, Actor] | None:
    """Who used or did a thing: its owner, or the subject of the verb it is the instrument
    of ("Washington has retaliated with airstrikes")."""
    owner = _first_actor(_owner(n))
    if owner is not None:
        return owner
    if n.dep_ == "pobj" and n.head.lower_ in ("with", "in", "by", "using") and n.head.head.pos_ == "VERB":
        subj = subject_of(n.head.head)
        return _first_actor([subj]) if subj is not None else None
    return None


def _by_above(n: Token) -> tuple[Token, Actor] | None:
    """An agent phrase attached one level up ("targets of attacks … by Iraqi militia groups")."""
    head = n.head
    for _ in range(3):
        found = _first_actor(_pobjs(head, ("by",)))
        if found:
            return found
        if head.head.i == head.i:
            break
        head = head.head
    return None


def _claimed_by(n: Token) -> tuple[Token, Actor] | None:
    """ "X claimed responsibility for (most of) the attacks": X is the source."""
    tok = n
    for _ in range(5):
        tok = tok.head
        if tok.lemma_.lower() in word_set("claim_responsibility"):
            verb = tok.head
            subj = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
            return _first_actor([subj]) if subj is not None else None
        if tok.head.i == tok.i:
            break
    return None


def _targets_of(n: Token) -> tuple[Token, Actor] | None:
    """ "American troops have been the targets of attacks": the subject of the copula."""
    head = n.head
    if n.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in word_set("assault_target_nouns"):
        cop = head.head.head
        subj = next((c for c in cop.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return _first_actor([subj]) if subj is not None else None
    return None
