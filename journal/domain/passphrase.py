"""Passphrases: the one rule a new passphrase must meet, and a gentle estimate of its strength.

The rule (`check_new`) is the only place the minimum length and the no-spaces-at-the-ends rule
live: `Session.create`, `Session.recover`, `Session.change_passphrase`, the command line and the
set-up and unlock screens all use it. The estimate is guidance for the set-up screen, not a gate.
Nothing here sends the passphrase anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.errors import JournalError

MINIMUM = 8


class PassphraseError(JournalError, ValueError):
    """A new passphrase the rule refuses; the message says why and what to do instead."""


def problem(passphrase: str) -> str | None:
    """Why a new passphrase cannot be used (one line), or None when it can."""
    if len(passphrase) < MINIMUM:
        return (f"the passphrase is too short: use at least {MINIMUM} characters "
                "(a few unrelated words is best)")
    if passphrase.strip() != passphrase:
        return ("the passphrase starts or ends with a space; remove it to avoid surprises when "
                "typing it later")
    return None


def check_new(passphrase: str) -> None:
    """Raise PassphraseError unless `passphrase` may be chosen as a new passphrase."""
    why = problem(passphrase)
    if why is not None:
        raise PassphraseError(why)


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (too short) to 4 (strong)
    label: str
    advice: str


def estimate(passphrase: str) -> Strength:
    if len(passphrase) < MINIMUM:
        return Strength(0, "too short", f"Use at least {MINIMUM} characters.")
    classes = sum((any(c.islower() for c in passphrase), any(c.isupper() for c in passphrase),
                   any(c.isdigit() for c in passphrase),
                   any(not c.isalnum() for c in passphrase)))
    words = len([w for w in passphrase.split() if len(w) >= 3])
    score = 1
    if len(passphrase) >= 12 or classes >= 3:
        score = 2
    if len(passphrase) >= 16 or (words >= 3 and len(passphrase) >= 14):
        score = 3
    if len(passphrase) >= 20 and (words >= 4 or classes >= 3):
        score = 4
    if len(set(passphrase)) <= 3:
        score = 1
    labels = {1: "weak", 2: "fair", 3: "good", 4: "strong"}
    advice = {
        1: "Longer is stronger: try four unrelated words.",
        2: "Better. A few more words would make it much harder to guess.",
        3: "Good. Make sure you can remember it.",
        4: "Strong. Make sure you can remember it.",
    }
    return Strength(score, labels[score], advice[score])
