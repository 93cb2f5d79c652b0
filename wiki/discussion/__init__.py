"""Threaded comments on pages and definitions."""
