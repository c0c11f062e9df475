"""Frameworks: the built-in ones as YAML data files (checked against a JSON Schema), the loader, users' folders."""
