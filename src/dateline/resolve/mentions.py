"""Linking the named mentions of one article into entities (within-document coreference).

Hand-written because no installed library does name-level coreference for news: spaCy's small
model has no coreference, and neural ones need weights from a hub. The rules follow the practice
of news entity linkers (e.g. GenderGapTracker's name merging): a short name joins the one full
name it ends or starts, an acronym joins the name it spells, lexicon aliases join their entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import actors, textkeys
from .actors import ActorEntry

PLACE_LIKE = {"GPE", "LOC", "FAC"}


@dataclass
class Cluster:
    members: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    entry: ActorEntry | None = None
    extra_aliases: list[str] = field(default_factory=list)
    preferred: list[str] = field(default_factory=list)  # the current name in "X (formerly Y)"

    @property
    def name(self) -> str:
        if self.entry is not None:
            return self.entry.name
        if self.preferred:
            return self.preferred[0]
        full = [t for t in self.texts if not textkeys.is_acronym(t)] or self.texts
        return max(full, key=lambda t: (len(t.split()), len(t)))

    @property
    def label(self) -> str:
        if self.entry is not None:
            return self.entry.type
        if "PERSON" in self.labels:
            return "PERSON"
        return max(self.labels, key=self.labels.count)  # a tie goes to the first seen, whatever the hash seed

    @property
    def aliases(self) -> list[str]:
        seen = dict.fromkeys([*self.texts, *self.extra_aliases])
        if self.entry is not None:
            seen.update(dict.fromkeys(a for a in self.entry.aliases if a in seen))
        name = self.name
        return [a for a in seen if a != name and not textkeys.short_name_of(a, name)]


def _kind(label: str) -> str:
    return "PLACE" if label in PLACE_LIKE else label


def link_mentions(mentions: list[tuple[str, str]], alias_pairs: list[tuple[str, str]] = ()) -> list[Cluster]:
    """Group (text, label) mentions, in text order, into clusters ordered by first mention."""
    alias_of: dict[str, str] = {}
    for full, other in alias_pairs:
        alias_of[textkeys.lexicon_key(other)] = textkeys.lexicon_key(full)
    fulls = [t for t, lab in mentions if lab == "PERSON" and len(t.split()) > 1]

    def key(text: str, label: str) -> tuple[str, str]:
        entry = actors.lookup(text)
        if entry is not None:
            return ("lex", entry.name)
        norm = textkeys.lexicon_key(text)
        norm = alias_of.get(norm, norm)
        if label == "PERSON" and len(text.split()) == 1 or label == "PERSON":
            owners = [f for f in fulls if textkeys.short_name_of(text, f)]
            if len(set(owners)) == 1:
                return ("PERSON", textkeys.lexicon_key(owners[0]))
        if label in ("PERSON",):
            return ("PERSON", norm)
        return (_kind(label), norm)

    clusters: dict[tuple[str, str], Cluster] = {}
    for i, (text, label) in enumerate(mentions):
        k = key(text, label)
        cl = clusters.setdefault(k, Cluster(entry=actors.lookup(text)))
        cl.members.append(i)
        cl.texts.append(text)
        cl.labels.append(label)
    _merge_acronyms(clusters)
    for full, other in alias_pairs:
        for cl in clusters.values():
            if full in cl.texts:
                cl.preferred.append(full)
                if other not in cl.texts:
                    cl.extra_aliases.append(other)
    return sorted(clusters.values(), key=lambda c: c.members[0])


def _merge_acronyms(clusters: dict[tuple[str, str], Cluster]) -> None:
    """'US' and 'U.S.' join 'United States' when they spell it and are of the same kind."""
    for k in list(clusters):
        cl = clusters.get(k)
        if cl is None or cl.entry is not None or not all(textkeys.is_acronym(t) for t in cl.texts):
            continue
        for k2, other in clusters.items():
            if k2 == k or k2[0] != k[0]:
                continue
            if any(not textkeys.is_acronym(t) and textkeys.expands(cl.texts[0], t) for t in other.texts):
                other.members += cl.members
                other.texts += cl.texts
                other.labels += cl.labels
                del clusters[k]
                break
        else:
            # 'US' and 'U.S.' alone are one entity too
            for k2, other in clusters.items():
                if (
                    k2 != k
                    and k2[0] == k[0]
                    and all(textkeys.is_acronym(t) for t in other.texts)
                    and textkeys.acronym_key(other.texts[0]) == textkeys.acronym_key(cl.texts[0])
                ):
                    other.members += cl.members
                    other.texts += cl.texts
                    other.labels += cl.labels
                    del clusters[k]
                    break
