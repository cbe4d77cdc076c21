"""Importing this package registers every simulator handler (see registry.py)."""
