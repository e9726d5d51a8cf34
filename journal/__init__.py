"""peer-journal: an encrypted reflective journal for mental-health peer workers."""

__version__ = "0.1.0"
