"""Every static file that names another file (a source map, an image or font in CSS) ships it too.

collectstatic's manifest storage follows these references and refuses to finish when one is
missing, and without collectstatic no page can be served with DEBUG off.
"""

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "static"
SOURCE_MAP = re.compile(r"[#@]\s*sourceMappingURL=([^\s*]+)")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)""")
SKIPPED = ("data:", "#", "http:", "https:", "//", "/")


def references(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    found = SOURCE_MAP.findall(text)
    if path.suffix == ".css":
        found += CSS_URL.findall(text)
    return [ref for ref in found if not ref.startswith(SKIPPED)]


def referring_files():
    return sorted(p for p in STATIC.rglob("*") if p.suffix in {".js", ".css"})


def test_the_reference_finder_sees_source_maps_and_css_images():
    # The scan below is only as good as what it recognises.
    leaflet = references(STATIC / "vendor/leaflet/leaflet.css")
    assert "images/layers.png" in leaflet
    assert "leaflet.js.map" in references(STATIC / "vendor/leaflet/leaflet.js")


@pytest.mark.parametrize("path", referring_files(), ids=lambda p: str(p.relative_to(STATIC)))
def test_every_file_a_static_file_names_is_there(path):
    missing = [
        ref for ref in references(path) if not (path.parent / ref.split("?")[0].split("#")[0]).is_file()
    ]
    assert not missing, f"{path.relative_to(STATIC)} names files that are not vendored: {missing}"
