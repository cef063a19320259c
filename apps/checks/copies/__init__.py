"""copied_text: near-duplicate paragraphs across materials (MinHash over character shingles, LSH
bands stored in the database, then an exact confirmation that marks the shared spans)."""
