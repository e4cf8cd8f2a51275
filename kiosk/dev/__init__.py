"""Developer tools: the demo store and the screen tour."""
