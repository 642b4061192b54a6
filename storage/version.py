"""The schema version this code writes; storage/schema.py holds one migration per step."""

SCHEMA_VERSION = 14
