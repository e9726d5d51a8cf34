"""Encrypted storage: keys and sealing (crypto), the SQLite file (db), the head index (heads),
the search scan (scan), the clock, and the store facade (store) built from its parts by job
(core, keys, reading, writing, records, sync_state, select).

Nothing here imports textual, nor any package above it (sync, export, session, cli): the command
line, tests and sync use it without a screen, and it depends only on `journal.domain`.
"""
