"""The one recognizer: a neutral Stream (paragraphs, grids) → Report + import notes, for every reader."""
