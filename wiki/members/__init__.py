"""Members: profiles (what they did and what they say of themselves) and their own settings."""
