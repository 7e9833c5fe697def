"""Marks our exporters leave in a file's properties (``keywords``) so that importing the file gives
the report back exactly: shared by the .docx and web page writers and read by app/read/docx.py."""

GENERATED_TITLE = "title=generated"   # the report had no title; the exported one is the standard title
CLOSING = "closing="                  # closing=N: the last N paragraphs are the 落款 (organ, date)
