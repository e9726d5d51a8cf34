"""One Screen or ModalScreen per file; each talks only to the app's Session via the store thread."""
