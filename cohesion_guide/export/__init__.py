"""Markdown to HTML, Word and PDF: one tree read by every writer, each set written whole or not at all."""
