"""Passphrases: the one rule a new passphrase must meet, and an estimate of its strength.

The rule (`check_new`) is the only place the minimum length, the no-spaces-at-the-ends rule and
the strength needed live: `Session.create`, `Session.recover`, `Session.change_passphrase`, the
command line, the set-up and unlock screens and the passphrase a supervision pack is sealed with
all use it. Strength is zxcvbn's estimate (the well-kept port of Dropbox's estimator: common
passwords, names, words, keyboard patterns, dates, repeats): the journal's key slots travel to the
sync remote, where anyone who can read them may guess offline, so a passphrase must be at least
"safely unguessable" (zxcvbn score 3 of 4). Nothing here sends the passphrase anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.errors import JournalError

MINIMUM = 8
#: zxcvbn's score (0-4) a new passphrase needs: 3 is "safely unguessable: moderate protection
#: from an offline slow-hash scenario" (Argon2id here).
ENOUGH = 3
#: zxcvbn's time grows with the length; past this, more characters only make it stronger.
_ESTIMATED_CHARS = 100
ADVICE = "try four or five unrelated words, such as a line nobody would ever say"


class PassphraseError(JournalError, ValueError):
    """A new passphrase the rule refuses; the message says why and what to do instead."""


def _zxcvbn(passphrase: str) -> tuple[int, str, str]:
    """(score 0-4, zxcvbn's warning, its first suggestion)."""
    from zxcvbn import zxcvbn  # loads its word lists: only when a passphrase is being chosen

    result = zxcvbn(passphrase[:_ESTIMATED_CHARS])
    feedback = result.get("feedback", {})
    suggestions = feedback.get("suggestions") or [""]
    return int(result["score"]), str(feedback.get("warning", "")), str(suggestions[0])


def problem(passphrase: str, what: str = "passphrase") -> str | None:
    """Why a new passphrase cannot be used (one line), or None when it can."""
    if len(passphrase) < MINIMUM:
        return (f"the {what} is too short: use at least {MINIMUM} characters "
                "(a few unrelated words is best)")
    if passphrase.strip() != passphrase:
        return (f"the {what} starts or ends with a space; remove it to avoid surprises when "
                "typing it later")
    score, warning, _ = _zxcvbn(passphrase)
    if score < ENOUGH:
        why = f" ({warning[:1].lower()}{warning[1:].rstrip('.')})" if warning else ""
        return f"the {what} is too easy to guess{why}: {ADVICE}"
    return None


def check_new(passphrase: str, what: str = "passphrase") -> None:
    """Raise PassphraseError unless `passphrase` may be chosen as a new passphrase."""
    why = problem(passphrase, what)
    if why is not None:
        raise PassphraseError(why)


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (too short) to 4 (strong)
    label: str
    advice: str


def estimate(passphrase: str) -> Strength:
    """How strong a passphrase being typed is, for the set-up screen's meter; the rule above
    is what decides."""
    if len(passphrase) < MINIMUM:
        return Strength(0, "too short", f"Use at least {MINIMUM} characters.")
    score, warning, suggestion = _zxcvbn(passphrase)
    if score < ENOUGH:
        hint = " ".join(part for part in (warning, suggestion) if part)
        return Strength(max(score, 1), "too easy to guess",
                        hint or "Longer is stronger: try four or five unrelated words.")
    if score == ENOUGH:
        return Strength(3, "good", "A word or two more would make it strong.")
    return Strength(4, "strong", "Make sure you can remember it.")
