"""Readers of the files a user imports: call files, recommendation lists, thematic lists, folders to ingest.

They turn bytes into domain values and problems that name the file and the field; they store nothing."""
