"""Watchlists and notifications: who hears of a change, written from the record of changes."""
