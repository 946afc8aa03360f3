"""One exception hierarchy for everything a user can get wrong.

Each error carries a Chinese message meant for the user and the file it concerns. The CLI (and
later the web workspace) catches :class:`MingjingError` once and shows ``str(error)``; library code
never prints.
"""

from __future__ import annotations

from pathlib import Path


class MingjingError(Exception):
    """Base of all errors shown to users. ``message`` is Chinese and complete on its own."""

    exit_code = 2

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        return f"{self.path}：{self.message}"


class InputError(MingjingError):
    """The input file cannot be used: missing, empty, too big, corrupt, wrong type or encoding."""


class FileMissingError(InputError):
    pass


class EmptyFileError(InputError):
    pass


class FileTooLargeError(InputError):
    pass


class UnsupportedFormatError(InputError):
    pass


class CorruptFileError(InputError):
    pass


class EncodingError(InputError):
    pass


class ConverterMissingError(MingjingError):
    """A format needs an external converter (LibreOffice) that is not installed."""


class ConversionError(InputError):
    """The external converter ran but failed or timed out."""


class ConfigError(MingjingError):
    """A configuration or data file (mingjing.toml, a framework file …) is invalid."""
