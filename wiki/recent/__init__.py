"""Recent changes and Atom feeds, read from the record of changes."""
