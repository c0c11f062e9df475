"""The draft report as data: introduction, passages chosen per area, credits, annex, numbering, sidecar."""
