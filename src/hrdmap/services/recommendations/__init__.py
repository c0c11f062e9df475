"""Recommendation follow-up: extract and import recommendations, record their status, track them."""
