"""The seeded debate: content as data (content.py) and the loader that saves it."""
