"""Plain data types of hrdmap. No I/O and no imports of other hrdmap layers."""
