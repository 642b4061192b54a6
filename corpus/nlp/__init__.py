"""NLP: resolve a German pipeline, analyse text into plain records, find figures by rules."""
