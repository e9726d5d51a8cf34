"""A throw-away demo journal: a few months of realistic entries, so a newcomer sees everything.

Made in a temporary folder with the normal key derivation; the passphrase is shown on the
unlock screen, and the folder is deleted when the app closes. The people are invented.
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from journal.domain.framework import Framework
from journal.domain.model import Action, Answer, CheckIn, Entry, Kind, Mark
from journal.session.facade import Session

PEOPLE = [("Morag Campbell", ["Mo"], "P1"), ("Callum Reid", [], "P2"),
          ("Isla Fraser", ["Izzy"], "P3"), ("Jamie Stewart", [], "P4")]

SESSIONS = [
    ("Walk to the allotment with {p}",
     "We walked to the allotment. {p} talked about the winter, and how the mornings are the "
     "hardest. I shared a little of my own experience of early mornings after hospital, and "
     "asked what has helped before."),
    ("Cafe with {p}",
     "{p} wanted to talk about going back to college. I noticed I wanted to find the course "
     "for them, and stopped: we looked at it together instead, and they chose what to ask."),
    ("Phone call with {p}",
     "A short call. {p} was low and did not want to meet. I listened, checked they knew where "
     "to get help tonight, and we agreed a time to talk on Friday."),
    ("Group at the recovery college",
     "Eight people at the group today. The conversation about stigma at the job centre got "
     "heated; I tried to keep space for everyone and share the power in the room."),
]
DAILY = [
    ("Tired, but a good day", "A full day. I am tired but I felt useful, and I noticed hope "
     "in small things: a laugh in the group, a plan made."),
    ("Team meeting", "The language in the team meeting about 'non-compliance' stayed with "
     "me. I said something, gently, and I want to think about how to do that better."),
]
LEARNING = [("Training: positive risk taking", "The session on positive risk taking helped me "
             "see that avoiding all risk is also a choice, and not always a safe one.")]
SUPERVISION = [("Supervision notes", "We talked about boundaries and about how much of my own "
                "story to share. My supervisor asked what I needed to stay well.")]
QUESTIONS = ["How much of my story is too much?", "Where is the boundary with phone calls "
             "in the evening?", "How do I challenge language in the team without alienating "
             "people?"]
ACTIONS = ["Look up the college open day", "Ask about the peer workers' network meeting",
           "Read the trauma-informed practice guide", "Book supervision for next month"]


def _entry(rng: random.Random, when: datetime, framework: Framework) -> Entry:
    kind = rng.choices([Kind.SESSION, Kind.DAILY, Kind.LEARNING, Kind.SUPERVISION, Kind.QUICK],
                       weights=[6, 3, 1, 1, 1])[0]
    source = {Kind.SESSION: SESSIONS, Kind.DAILY: DAILY, Kind.LEARNING: LEARNING,
              Kind.SUPERVISION: SUPERVISION, Kind.QUICK: DAILY}[kind]
    title, body = rng.choice(source)
    person = rng.choice(PEOPLE)[2]
    title, body = title.format(p=person), body.format(p=person)
    if kind is Kind.SESSION:
        body = (f"## What?\n\n{body}\n\n## So what?\n\nI think I got the balance right "
                "between listening and sharing, mostly.\n\n## Now what?\n\nCheck in next week.")
    values = framework.value_ids
    marks = {v: rng.choice([Mark.LIVED, Mark.LIVED, Mark.CHALLENGING, Mark.TAGGED])
             for v in rng.sample(values, rng.randint(1, min(3, len(values))))}
    checks = {}
    if kind is Kind.SESSION and framework.behaviours:
        for behaviour in rng.sample(framework.behaviour_ids, min(8, len(framework.behaviours))):
            checks[behaviour] = rng.choices([Answer.YES, Answer.NO, Answer.NA],
                                            weights=[6, 2, 1])[0]
    flagged = rng.random() < 0.12
    return Entry(
        when=when, kind=kind, title=title, body=body, framework_id=framework.id, marks=marks,
        checks=checks,
        checkin=CheckIn(rng.randint(2, 5), rng.randint(1, 5), "an early night")
        if rng.random() < 0.3 else None,
        actions=[Action(rng.choice(ACTIONS), rng.random() < 0.5)] if rng.random() < 0.25
        else [],
        flagged=flagged, question=rng.choice(QUESTIONS) if flagged else "",
        people=[person] if kind is Kind.SESSION else [],
    )


def build_demo(home: Path, *, days: int = 120, seed: int = 11) -> str:
    """Create the demo journal in `home`; return its passphrase."""
    passphrase = "demo " + secrets.token_hex(4)
    session = Session(home)
    session.create(passphrase, session.framework.id)
    rng = random.Random(seed)
    now = datetime.now().astimezone().replace(hour=17, minute=30, second=0, microsecond=0)
    entries = [_entry(rng, now - timedelta(days=day, hours=rng.randint(0, 6)), session.framework)
               for day in range(days, 0, -1) if rng.random() < 0.55]
    session.add_many(entries)
    for name, aliases, pseudonym in PEOPLE:
        session.save_person(name, aliases, pseudonym)
    session.lock()
    return passphrase
