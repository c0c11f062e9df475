"""Reference data: countries, regions, UN entities and human rights mechanisms, built by scripts/build_reference.py."""
