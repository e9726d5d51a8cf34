"""A gentle estimate of passphrase strength for the set-up screen (guidance, not a gate).

Counts length and variety, and rewards several words; never sends the passphrase anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

MINIMUM = 8


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
