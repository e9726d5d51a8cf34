"""Reusable widgets: the virtual entry list, value marks and the behaviour check-list."""
