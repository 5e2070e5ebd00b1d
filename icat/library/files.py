"""Uploaded files are judged by their content, never by their name: PDF or DOCX, within the size limit,
and they must open as what they claim to be. Text is extracted for the search index."""

import hashlib
import io
import logging
import os
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

log = logging.getLogger("icat.library")

MAX_UPLOAD_BYTES = int(float(os.environ.get("LIBRARY_MAX_UPLOAD_MB", "50")) * 1024 * 1024)
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
DOCX_MAIN_PART = "word/document.xml"


def _read_all(uploaded) -> bytes:
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def sniff_format(head: bytes) -> str:
    """'pdf', 'docx' or '' from the first bytes."""
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return "docx"
    return ""


def _parses_as_pdf(data: bytes) -> bool:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        return len(reader.pages) > 0
    except Exception:  # noqa: BLE001 - any parser failure means "not a PDF we can publish"
        return False


def _parses_as_docx(data: bytes) -> bool:
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if DOCX_MAIN_PART not in archive.namelist():
                return False
        docx.Document(io.BytesIO(data))
        return True
    except Exception:  # noqa: BLE001 - any parser failure means "not a Word document"
        return False


def check_upload(uploaded) -> dict:
    """Validate an uploaded file; return its format, size and SHA-256, or raise ValidationError."""
    size = uploaded.size
    if size is None or size == 0:
        raise ValidationError(_("The file is empty."))
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size).1f MB; the limit is %(limit).0f MB.")
            % {"size": size / 1048576, "limit": MAX_UPLOAD_BYTES / 1048576}
        )
    data = _read_all(uploaded)
    file_format = sniff_format(data[:8])
    if file_format == "pdf" and _parses_as_pdf(data) or file_format == "docx" and _parses_as_docx(data):
        pass
    elif file_format:
        raise ValidationError(
            _("The file starts like a %(format)s but cannot be opened as one; it may be damaged.")
            % {"format": file_format.upper()}
        )
    else:
        raise ValidationError(_("Only PDF and Word (DOCX) files are accepted; this file is neither."))
    return {"file_format": file_format, "file_size": size, "file_sha256": hashlib.sha256(data).hexdigest()}


def extract_text(file_format: str, handle) -> str:
    """The text of a PDF or DOCX, for the search index."""
    data = handle.read()
    if file_format == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        return "\n".join((page.extract_text() or "") for page in reader.pages)
    if file_format == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.extend(cell.text for cell in row.cells)
        return "\n".join(part for part in parts if part)
    return ""
