"""Resolutions: their wording, operative paragraphs, requests, addressees, sessions and citations."""
