# SPDX-License-Identifier: GPL-2.0
"""Write the output tree all-or-nothing, touching only files whose content changed.

Everything is first written into a temporary directory beside out_dir (same filesystem, so the
final step is a rename); only when every file is written are the changed ones moved into place.
Unchanged files keep their mtime, so make rebuilds nothing needlessly.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Directories whose every file the generator owns: files it no longer produces are removed.
OWNED_DIRS = ("gen/cells",)


def write_tree(out_dir: Path, files: dict[str, bytes]) -> list[str]:
    """Returns the relative paths that were (re)written."""
    out_dir = Path(out_dir)
    parent = out_dir.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-gen-", dir=parent))
    changed = []
    try:
        for rel, data in files.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        for rel in sorted(files):
            dst = out_dir / rel
            try:
                if dst.read_bytes() == files[rel]:
                    continue
            except OSError:
                pass
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp / rel, dst)
            changed.append(rel)
        for d in OWNED_DIRS:
            for old in sorted((out_dir / d).glob("*")) if (out_dir / d).is_dir() else ():
                if old.is_file() and f"{d}/{old.name}" not in files:
                    old.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return changed
