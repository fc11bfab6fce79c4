"""What Inno Setup's compiler is given to make the Windows installer: one place for installers/build.py (on
Windows) and installers/windows/cross_build.py (on Linux, under Wine). Standard library only."""

from __future__ import annotations

PUBLISHER = "Rio Desktop"


def setup_name(version: str) -> str:
    """The installer's file name (the .iss script's OutputBaseFilename)."""
    return f"RioDesktop-Setup-{version}.exe"


def iscc_defines(version: str, source_dir: str, icon: str, output_dir: str) -> list[str]:
    """ISCC's command-line definitions, paths as the compiler sees them."""
    return [f"/DAppVersion={version}", f"/DSourceDir={source_dir}", f"/DIconFile={icon}",
            f"/DPublisher={PUBLISHER}", f"/O{output_dir}"]
