"""mrx: offline extraction of structured, grounded records from Chinese party meeting reports."""
from .about import __version__
from .api import FileResult, extract_file, extract_paths, extract_text
from .reader import InputError
from .schema import Record
from .tables import to_frames

__all__ = ["__version__", "extract_text", "extract_file", "extract_paths", "FileResult",
           "InputError", "Record", "to_frames"]
