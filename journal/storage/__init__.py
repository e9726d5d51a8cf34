"""Encrypted storage: keys and sealing (crypto), the SQLite file (db), and the facade (store).

Nothing here imports textual: the command line, tests and sync use it without a screen.
"""
