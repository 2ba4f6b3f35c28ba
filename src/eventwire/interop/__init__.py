"""Event records in the formats of other event data sets (ACLED's columns, ...), with the
mappings documented in docs/interop.md."""
