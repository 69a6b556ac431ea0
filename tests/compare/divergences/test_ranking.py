"""What a report keeps: every conflict, and only the highest-ranked gaps of each outlet (three omissions,
two unique claims)."""

from __future__ import annotations

from newsprism.compare.divergences.ranking import keep_what_matters
from newsprism.compare.types import Claim, Divergence, DivergenceType


def said_by(outlet: str, start: int) -> Claim:
    return Claim(outlet, f"https://{outlet.lower()}.example/a", f"Sentence at {start}.", start, start + 10)


def divergence(kind: DivergenceType, severity: float, *claims: Claim, missing: str = "") -> Divergence:
    extra = {"missing_from": [missing]} if missing else {}
    return Divergence(kind, f"{kind} {severity}", severity, claims, extra=extra)


def kept_severities(kept: list[Divergence], kind: DivergenceType) -> list[float]:
    return [d.severity for d in kept if d.type == kind]


def test_each_outlet_keeps_its_three_highest_omissions_and_two_highest_unique_claims() -> None:
    omissions = [divergence("omission", s / 10, said_by("Meridian", s), missing="Sever") for s in range(1, 6)]
    unique = [divergence("unique_claim", s / 100, said_by("Lantern", s)) for s in range(1, 6)]
    kept = keep_what_matters([*omissions, *unique])
    assert kept_severities(kept, "omission") == [0.5, 0.4, 0.3]
    assert kept_severities(kept, "unique_claim") == [0.05, 0.04]


def test_a_gap_stays_when_it_is_among_the_first_three_of_any_outlet_it_concerns() -> None:
    # Sever has three omissions already; one it shares with Ledger, who has none, still stays.
    mine = [divergence("omission", 0.9 - s / 10, said_by("Meridian", s), missing="Sever") for s in range(3)]
    shared = Divergence(
        "omission", "shared", 0.2, (said_by("Meridian", 9),), extra={"missing_from": ["Sever", "Ledger"]}
    )
    assert shared in keep_what_matters([*mine, shared])


def test_every_conflict_stays_and_a_unique_claim_already_in_one_is_not_repeated() -> None:
    conflicts = [
        divergence("numeric_conflict", 0.7, said_by("Meridian", s), said_by("Lantern", s)) for s in range(5)
    ]
    repeated = divergence("unique_claim", 0.2, said_by("Lantern", 0))  # the evidence of the first conflict
    alone = divergence("unique_claim", 0.1, said_by("Lantern", 50))
    kept = keep_what_matters([repeated, alone, *conflicts])
    assert kept == [*conflicts, alone]  # most severe first
