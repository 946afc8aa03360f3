"""Fonts for rendering GB/T 9704 output in tests: Fandol from Debian, aliased by ``fonts.conf``.

The official fonts (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体 …) cannot be redistributed. Free faces with
the same roles are the Fandol fonts, which Debian ships only inside ``texlive-lang-chinese``; this
helper finds their four Regular files, or extracts them from that package (``apt-get download`` and
``dpkg-deb``, no TeX installed) into a cache folder, then writes a fontconfig file that includes the
system configuration, adds that folder and binds the official names (``tests/layout/fonts.conf``).

Where the files are looked for, in order: ``$MINGJING_FANDOL_DIR``; the TeX Live install path;
``$XDG_CACHE_HOME/mingjing-test-fonts/fandol`` (default ``~/.cache/…``), where they are extracted
when missing. CI runs the same code, so a fresh machine gets the same fonts.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ALIASES = HERE / "fonts.conf"
FANDOL = (
    "FandolFang-Regular.otf",
    "FandolKai-Regular.otf",
    "FandolHei-Regular.otf",
    "FandolSong-Regular.otf",
)
PACKAGE = "texlive-lang-chinese"
TEXLIVE_DIR = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mingjing-test-fonts" / "fandol"


def _complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in FANDOL)


def extract_fandol(target: Path) -> None:
    """Download the Debian package and unpack only the four Regular faces into ``target``."""
    if not (shutil.which("apt-get") and shutil.which("dpkg-deb")):
        raise RuntimeError("apt-get/dpkg-deb not available to fetch the Fandol fonts")
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fandol-") as tmp:
        work = Path(tmp)
        os.chmod(work, 0o755)  # apt's _apt user must be able to write here
        download = ["apt-get", "download", PACKAGE]
        got = subprocess.run(download, cwd=work, capture_output=True, timeout=600)
        if got.returncode != 0 and os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            # A fresh CI machine may have no package lists yet.
            subprocess.run(
                ["apt-get", "update", "-qq"], check=True, capture_output=True, timeout=600
            )
            got = subprocess.run(download, cwd=work, capture_output=True, timeout=600)
        if got.returncode != 0:
            raise RuntimeError(
                f"apt-get download {PACKAGE} failed: {got.stderr.decode(errors='replace')}"
            )
        deb = next(work.glob(f"{PACKAGE}_*.deb"))
        tar_path = work / "data.tar"
        with tar_path.open("wb") as fh:
            subprocess.run(
                ["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=fh, check=True, timeout=600
            )
        with tarfile.open(tar_path) as tar:
            for member in tar:
                name = Path(member.name).name
                if name in FANDOL and member.isfile():
                    src = tar.extractfile(member)
                    assert src is not None
                    # Write beside, then rename: parallel test workers may extract at once.
                    part = target / f".{name}.{os.getpid()}"
                    part.write_bytes(src.read())
                    os.replace(part, target / name)
    if not _complete(target):
        raise RuntimeError(f"{PACKAGE} did not contain the Fandol fonts")


def fandol_dir() -> Path:
    """A folder holding the four Fandol Regular files (extracted on first use)."""
    env = os.environ.get("MINGJING_FANDOL_DIR")
    candidates = [Path(env)] if env else []
    candidates += [TEXLIVE_DIR, cache_dir()]
    for folder in candidates:
        if _complete(folder):
            return folder
    target = Path(env) if env else cache_dir()
    with _lock(target.parent / ".fandol.lock"):
        if not _complete(target):  # another test worker may have finished meanwhile
            extract_fandol(target)
    return target


@contextlib.contextmanager
def _lock(path: Path, timeout: float = 900) -> Iterator[None]:
    """A lock file, so parallel test workers fetch the fonts once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if time.monotonic() > deadline or time.time() - path.stat().st_mtime > timeout:
                path.unlink(missing_ok=True)  # a stale lock of a killed run
                continue
            time.sleep(0.5)
    try:
        yield
    finally:
        os.close(fd)
        path.unlink(missing_ok=True)


def fontconfig_file(workdir: Path) -> Path:
    """Write the fontconfig file LibreOffice should use (``FONTCONFIG_FILE``) into ``workdir``."""
    fonts = fandol_dir()
    conf = workdir / "fonts-mingjing-test.conf"
    cache = workdir / "fontconfig-cache"
    cache.mkdir(parents=True, exist_ok=True)
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{fonts}</dir>\n"
        f"  <cachedir>{cache}</cachedir>\n"
        f"  <include>{ALIASES}</include>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return conf
