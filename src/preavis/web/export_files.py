"""The static export's files on disk: a build folder written beside DIR with the gzip twins,
hard links to the previous build for what did not change, and the atomic swap of DIR."""

from __future__ import annotations

import gzip
import os
import posixpath
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from preavis.domain.errors import InputError
from preavis.web.rendered import GZIP_FROM

MARKER = ".preavis-export"  # names a build folder as ours (never delete anything else)
BUILDS = ".builds"  # DIR's builds live in DIR.builds/, beside it
TEXT_SUFFIXES = (".html", ".json", ".ics", ".atom", ".svg", ".css", ".js")


def write_all(
    folder: Path, files: dict[str, bytes], twins: dict[str, bytes], previous: Path | None
) -> tuple[int, int]:
    """Every file of `files` under `folder`, with the gzip twins of text files over 1 KiB;
    (bytes, bytes of the twins). A file equal to the previous build's is a hard link to it, and
    so is its twin (never compressed again); the others are compressed by a pool of threads
    (zlib lets go of the interpreter's lock while it works) as they are written."""
    for parent in sorted({posixpath.dirname(p) for p in files} - {""}):
        (folder / parent).mkdir(parents=True, exist_ok=True)
    size = gz_size = 0
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        packing = []
        for path, body in files.items():
            file = folder / path
            size += len(body)
            same = _write(file, body, previous / path if previous is not None else None)
            if not (path.endswith(TEXT_SUFFIXES) and len(body) > GZIP_FROM):
                continue
            twin = file.with_name(file.name + ".gz")
            if same and previous is not None and _link(previous / f"{path}.gz", twin):
                gz_size += twin.stat().st_size
            elif (packed := twins.get(path)) is not None:
                twin.write_bytes(packed)
                gz_size += len(packed)
            else:
                packing.append(pool.submit(_pack, twin, body))
        gz_size += sum(done.result() for done in packing)
    return size, gz_size


def _pack(twin: Path, body: bytes) -> int:
    packed = gzip.compress(body, compresslevel=9, mtime=0)
    twin.write_bytes(packed)
    return len(packed)


def _link(previous: Path, file: Path) -> bool:
    try:
        os.link(previous, file)
    except OSError:
        return False
    return True


def _write(file: Path, body: bytes, previous: Path | None) -> bool:
    """The file, as a hard link to the previous build's when its bytes are the same (True)."""
    if previous is not None:
        try:
            if previous.stat().st_size == len(body) and previous.read_bytes() == body:
                os.link(previous, file)
                return True
        except OSError:
            pass
    file.write_bytes(body)
    return False


def refuse_foreign(target: Path) -> None:
    """DIR must be ours to replace: missing, our symbolic link, or an empty folder."""
    if target.is_symlink() or not target.exists():
        return
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
        return
    raise InputError.said("export.not_an_export", path=str(target))


def swap(target: Path, folder: Path) -> None:
    """Point `target` at `folder` in one rename: readers see the old build or the new one."""
    link = target.with_name(f".{target.name}.{os.getpid()}.swap")
    if link.is_symlink():
        link.unlink()
    os.symlink(os.path.relpath(folder, target.parent), link)
    os.replace(link, target)


def prune(builds: Path, keep: set[str]) -> None:
    for old in sorted(builds.iterdir()):
        if old.name not in keep and (old / MARKER).exists():
            shutil.rmtree(old, ignore_errors=True)
