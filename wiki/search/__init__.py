"""Full-text search over the current text of pages, definitions and comments."""
