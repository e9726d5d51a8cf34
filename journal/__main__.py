"""`python -m journal` is the same as the `journal` command."""

from journal.cli import main

if __name__ == "__main__":
    main()
