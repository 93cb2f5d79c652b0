"""The JSON read API, version 1."""
