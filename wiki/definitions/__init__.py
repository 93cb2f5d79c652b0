"""Definitions: competing proposals for what a term means, and members' stances on them."""
