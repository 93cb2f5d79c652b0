"""Moderation: flags and their queue, locks, hidden revisions, suspensions, roles, and the log of it all."""
