"""The map of practices and gaps: matrices as data, CSV files and a self-contained HTML page."""
