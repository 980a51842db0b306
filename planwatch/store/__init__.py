"""Storage: schema (tables), db (open, migrate, transactions), repo (every SQL statement),
passages (how a text is cut for search)."""
