"""Legacy binary documents (.doc, .wps) and RTF.

Word 97-2003 files (and WPS files in the same format) are read natively by worddoc.py,
automatic numbering included. For a document whose lists it cannot number (numbering set
only by styles), or one it cannot read (other WPS formats), LibreOffice is used when
installed (``soffice`` or ``libreoffice`` on PATH, or the program named by
``MRX_SOFFICE``): the file is converted to .docx in a private temporary directory,
headless, with a time limit, and read as a .docx. Without LibreOffice, the native text
comes with a warning, and an unreadable file with a message saying how to convert it.
Encrypted Office files (password-protected .docx are OLE containers too) are refused
with their own message. RTF is read by rtf.py.
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
from functools import lru_cache

from extractor.io.reader import InputError

# Seconds LibreOffice may take for one file.
CONVERT_TIMEOUT = 120

_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_KNOWN_PATHS = ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                "/opt/libreoffice/program/soffice",
                "/Applications/LibreOffice.app/Contents/MacOS/soffice")

HOW_TO = ("save it as .docx in Word or WPS (文件 → 另存为 → .docx), or install LibreOffice "
          "(e.g. `apt-get install libreoffice-writer`) so that mrx converts it, or convert a "
          "folder at once: `soffice --headless --convert-to docx --outdir OUT *.doc`")


def find_soffice(configured: str | None = None) -> str | None:
    """The LibreOffice program (``configured``: a path or a program name the user gave,
    ``Settings.soffice``), or None when it is not installed."""
    if configured:
        return configured if os.path.exists(configured) else shutil.which(configured)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in _KNOWN_PATHS:
        if os.path.exists(path):
            return path
    return None


@lru_cache(maxsize=1)
def _profile_dir() -> str:
    """One private LibreOffice profile per process (its first start is the slow one),
    removed at exit."""
    path = tempfile.mkdtemp(prefix="mrx-lo-profile-")
    atexit.register(shutil.rmtree, path, True)
    return path


def convert_to_docx(data: bytes, suffix: str, soffice: str, timeout: float | None = None) -> bytes:
    """Convert a document with LibreOffice; returns the .docx bytes. Raises InputError."""
    timeout = CONVERT_TIMEOUT if timeout is None else timeout
    with tempfile.TemporaryDirectory(prefix="mrx-lo-") as tmp:
        src = os.path.join(tmp, "input" + suffix)
        out = os.path.join(tmp, "out")
        os.mkdir(out)
        with open(src, "wb") as f:
            f.write(data)
        profile = "file://" + _profile_dir()
        cmd = [soffice, "--headless", "--norestore", "--nolockcheck", "--nologo",
               f"-env:UserInstallation={profile}", "--convert-to", "docx", "--outdir", out, src]
        try:
            # its own session, so that a time-out ends LibreOffice's helper processes too
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, start_new_session=True)
        except OSError as e:
            raise InputError(f"cannot run LibreOffice ({soffice}): {e.strerror or e}") from None
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                proc.kill()
            proc.communicate()
            raise InputError(f"LibreOffice did not convert the file within {timeout:g} s") from None
        result = os.path.join(out, "input.docx")
        if not os.path.exists(result):
            detail = (stderr or stdout or b"").decode("utf-8", "replace").strip().splitlines()
            raise InputError("LibreOffice could not convert the file"
                             + (f" ({detail[-1][:200]})" if detail else ""))
        with open(result, "rb") as f:
            return f.read()


def read_legacy(path: str, data: bytes, fmt: str, *, max_bytes: int,
                soffice: str | None = None) -> tuple[str, str, list[str]]:
    """The text of a .doc / .wps / .rtf file. Raises InputError.

    A Word 97-2003 file is read natively (worddoc.py, fast); when its lists could not be
    numbered natively, or it cannot be read natively, it is converted through LibreOffice
    when that is installed.
    """
    if fmt == "doc" and (_ENCRYPTED in data[:1 << 20] or _ENCRYPTED in data[-(1 << 16):]):
        raise InputError("password-protected (encrypted) Office document: open it, remove the "
                         "password and save it again as .docx")
    suffix = os.path.splitext(path)[1].lower() or (".rtf" if fmt == "rtf" else ".doc")
    if fmt == "rtf":
        from extractor.io.formats.rtf import read_rtf

        return read_rtf(data)
    from extractor.io.formats.worddoc import has_word_stream, read_word97

    kind = "WPS" if suffix == ".wps" else "Word 97-2003"
    native = native_error = None
    if has_word_stream(data):
        try:
            native = read_word97(data)
        except InputError as e:
            native_error = e
        if native is not None and not native[2]:
            return native  # no automatic numbering to lose
        if native_error is not None and "password" in str(native_error):
            raise native_error
    soffice = find_soffice(soffice)
    if soffice is None:
        if native is not None:
            return native
        if native_error is not None:
            raise native_error
        raise InputError(f"legacy {kind} binary document ({suffix}) cannot be read directly: {HOW_TO}")
    from extractor.io.formats.docx import read_docx

    try:
        converted = convert_to_docx(data, suffix if suffix in (".doc", ".wps", ".dot") else ".doc", soffice)
        text, _, warnings = read_docx(converted, max_bytes=max_bytes)
    except InputError as e:
        if native is None:
            raise
        text, encoding, warnings = native
        return text, encoding, [f"LibreOffice failed ({e}); read natively", *warnings]
    return text, f"{suffix.lstrip('.')}→docx", [f"converted from {suffix} by LibreOffice", *warnings]
