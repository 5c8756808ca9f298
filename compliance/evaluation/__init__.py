"""Floor 3: the status of every obligation as of a date, as a pure function of agreements and links."""
