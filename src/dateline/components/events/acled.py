"""ACLED event type and sub-event type for violent and demonstration events.

Types and sub-types are those of the ACLED Codebook (2023, section 3, "Event types and
sub-event types"); the mapping reads the PLOVER category, the mode and the target sector:
weapons used from afar are Explosions/Remote violence, fighting between armed groups is a
Battle, one-sided violence against civilians is Violence against civilians.
"""

from __future__ import annotations

from ...records import Actor

_ARMED = {"military", "police", "rebels", "militia"}
_AIR = {"air strike", "drone", "aircraft", "helicopter", "warplane", "jet"}
_SHELL = {"artillery", "missile", "rocket", "mortar", "shelling", "heavy-weapons"}
_IED = {"explosives", "bombing", "ied", "roadside bomb", "landmine", "car bomb"}


def acled_type(
    kind: str, mode: str | None, source: Actor | None, target: Actor | None, words: str = ""
) -> tuple[str | None, str | None]:
    """(event type, sub-event type), or (None, None) for a non-violent category."""
    m = (mode or "").lower()
    w = words.lower()
    tsec = target.sector if target else None
    if kind == "ASSAULT":
        if m in _AIR or any(x in w for x in ("airstrike", "air strike", "drone", "warplane", "helicopter", "aircraft")):
            return "Explosions/Remote violence", "Air/drone strike"
        if m in _SHELL or any(x in w for x in ("missile", "rocket", "shell", "artillery", "mortar")):
            return "Explosions/Remote violence", "Shelling/artillery/missile attack"
        if "suicide" in w:
            return "Explosions/Remote violence", "Suicide bomb"
        if m in _IED or any(x in w for x in ("bomb", "explosive", "ied", "landmine", "blast")):
            return "Explosions/Remote violence", "Remote explosive/landmine/IED"
        if "grenade" in w:
            return "Explosions/Remote violence", "Grenade"
        if m == "abduction":
            return "Violence against civilians", "Abduction/forced disappearance"
        if tsec in _ARMED and (source is None or source.sector in _ARMED or source.sector is None):
            return "Battles", "Armed clash"
        if tsec in ("civilians", "media", "party", "NGO", "labor", None) or m in ("killing", "torture"):
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"
    if kind == "PROTEST":
        if m == "riot":
            return "Riots", "Violent demonstration"
        return "Protests", "Peaceful protest"
    if kind == "COERCE":
        if m in ("arrest", "detain"):
            return "Strategic developments", "Arrests"
        if m == "destroy":
            return "Strategic developments", "Looting/property destruction"
    if kind == "RETREAT" and m == "ceasefire":
        return "Strategic developments", "Agreement"
    return None, None
