"""The exception tree of newsprism: one base, a few leaves, each message naming the offending value."""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism reports to a user as one line."""


class DatabaseError(NewsprismError):
    """The database URL is invalid or the database cannot be opened or migrated."""


class NotFoundError(NewsprismError):
    """A requested outlet, article or event does not exist."""


class InputError(NewsprismError):
    """A file or value given by the user is malformed (the message names file, line and key)."""
