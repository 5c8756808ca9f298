"""Floor 1: the one converter and the loading of agreement, party and reporter files into core values."""
