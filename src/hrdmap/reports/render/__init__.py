"""Renderers of a draft report: DOCX with real footnotes, self-contained HTML, PDF through WeasyPrint."""
