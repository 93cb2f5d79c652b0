"""Accounts: users, registration, login and logout."""
