"""Report builders (data) and renderers (HTML, DOCX, PDF)."""
