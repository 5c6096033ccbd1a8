"""How far `renda demo` is with its data, for the pages the server already serves meanwhile.

The demo's first start builds a year of a city congress's work through the real actions (about a
minute on two cores). The server starts as soon as the database exists; the builder, a process of its
own, writes its step here, every page shows it in a banner, and the file goes when the data is
complete. A file left behind means the build was interrupted: ``renda demo`` then says so and stops.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from django.conf import settings


def _file() -> Path:
    return Path(settings.DATA_DIR) / "demo-progress.json"


# Until when (time.monotonic) a missing file is taken as still missing: a server looks once a second,
# not on every page (the failed open was ~4 % of a kept page's CPU). The builder writes the file before
# the server starts, so a banner can only show up to a second late in another process, never in this one.
_absent_until = 0.0


def write(step: int, steps: int, label: str) -> None:
    global _absent_until
    _absent_until = 0.0
    path = _file()
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"step": step, "steps": steps, "label": label}, ensure_ascii=False))
    temporary.replace(path)  # a page never reads half a file


def finished() -> None:
    _file().unlink(missing_ok=True)


def read() -> dict | None:
    """The builder's step, or None when no demo is being built (a failed open at most once a second)."""
    global _absent_until
    if time.monotonic() < _absent_until:
        return None
    try:
        return json.loads(_file().read_text())
    except FileNotFoundError:
        _absent_until = time.monotonic() + 1.0
        return None
    except ValueError:
        return None
