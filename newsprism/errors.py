"""The exception tree of newsprism: one base, a few leaves, each message naming the offending value.

Every part raises from here (the crawler, storage and the shell alike), so that none imports another
only to raise its error; `newsprism` re-exports them for a Python user.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism reports to a user as one line."""


class DatabaseError(NewsprismError):
    """The database URL is invalid or the database cannot be opened or migrated."""


class NotFoundError(NewsprismError):
    """A requested outlet, article or event does not exist."""


class InputError(NewsprismError):
    """A file or value given by the user is malformed (the message names file, line and key)."""


class SchedulerBusyError(NewsprismError):
    """Another `newsprism schedule` already runs on this database."""


class ClusterUnavailableError(NewsprismError):
    """The cluster's broker or coordination store cannot be reached."""


class DemoNewsroomError(NewsprismError):
    """The bundled demo newsroom is malformed (a packaging bug); the message names the file and key."""
