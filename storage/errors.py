"""Errors the store raises with a message fit to show a user as it is."""


class StoreError(Exception):
    """The database cannot be used; the message says why in one line."""
