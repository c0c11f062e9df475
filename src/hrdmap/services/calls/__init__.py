"""Calls for inputs: register them from call files, follow their status, publish their inputs page."""
