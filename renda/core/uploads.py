"""What an uploaded file really is, judged by its first bytes — not by its name or by the type the
browser claims."""

from __future__ import annotations


def sniff(upload, signatures: dict[bytes, str]) -> str | None:
    """The content type of the first signature ``upload`` starts with, or None; the file is left
    at its start for saving."""
    head = upload.read(max(len(sig) for sig in signatures))
    upload.seek(0)
    return next((kind for sig, kind in signatures.items() if head.startswith(sig)), None)
