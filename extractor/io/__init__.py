"""Reading input files: bytes to decoded text (reader) and the document formats (formats/)."""
