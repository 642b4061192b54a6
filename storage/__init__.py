"""SQLite storage and exports. The only code that writes SQL; knows nothing of Textual."""
