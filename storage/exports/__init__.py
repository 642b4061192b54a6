"""One module per export format; each takes the store and writes to a text stream."""
