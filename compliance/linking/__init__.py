"""Floor 2: which obligation an event speaks to, and the ledger that reads, links and accounts for every record."""
