"""Floor 5: rendering views as Markdown, JSON and text tables. Formats; never computes a status."""
