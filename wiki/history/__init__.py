"""Versioned text: a Document and its immutable Revisions, shared by every owner."""
