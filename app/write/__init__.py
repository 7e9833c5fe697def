"""Writers: a Report → a file (.docx, .xlsx, .json). The formats are listed in app/formats.py."""
