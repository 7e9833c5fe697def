"""Readers: each turns one kind of source (.txt, .docx, .xlsx, …) into a Stream or a Report.

The formats are listed in app/formats.py; a reader loads on first use.
"""
