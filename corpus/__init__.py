"""Documents, import and NLP. Knows nothing of SQLite or Textual."""
