"""Pages: terms and articles, each owning a versioned Document."""
