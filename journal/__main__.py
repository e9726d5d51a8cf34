"""`python -m journal` and the installed `journal` command both start here.

Before anything heavy is imported: when these arguments open the app on a terminal, the
terminal's echo goes off at once, so a passphrase typed while the app is still starting is never
shown (see `journal.session.typed_ahead`); what was typed goes to the unlock screen.
"""

import sys


def main() -> None:
    from journal.session import typed_ahead

    typed, restore = typed_ahead.hush() if typed_ahead.opens_the_app(sys.argv[1:]) else ("", None)
    from journal.cli import main as run

    run(typed=typed, restore=restore)


if __name__ == "__main__":
    main()
