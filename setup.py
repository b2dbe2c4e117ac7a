"""Builds charter._core for `pip install` (offline: pip install --no-build-isolation --no-index .).

CMake is the primary build; this mirrors its list of sources so the package can be installed
into a virtual environment with Debian's setuptools and pybind11, without CMake.
"""

import glob
import os

from pybind11.setup_helpers import Pybind11Extension, build_ext
from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))


def embedded_text(path, symbol):
    """Embeds a data file the way CMake's charter_embed_text does (src/data/embedded_text.cpp.in)."""
    with open(os.path.join(HERE, path), encoding="utf-8") as f:
        text = f.read()
    with open(os.path.join(HERE, "src", "data", "embedded_text.cpp.in"), encoding="utf-8") as f:
        template = f.read()
    out_dir = os.path.join(HERE, "build-pip", "generated")
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, symbol + ".cpp")
    content = (template.replace("@EMBED_TEXT@", text).replace("@EMBED_SYMBOL@", symbol)
               .replace("@EMBED_SOURCE@", path))
    if not os.path.exists(out) or open(out, encoding="utf-8").read() != content:
        with open(out, "w", encoding="utf-8") as f:
            f.write(content)
    return os.path.relpath(out, HERE)


sources = sorted(glob.glob("src/*/*.cpp"))
sources += sorted(glob.glob("python/src/*.cpp"))
sources.append(embedded_text("data/calendars/china.yaml", "china_calendar_yaml"))
sources.append(embedded_text("data/charter/builtin.yaml", "builtin_charter_yaml"))

ext = Pybind11Extension(
    "charter._core",
    sources,
    include_dirs=["include", "src/calendar", "src/io", "python/src"],
    libraries=["boost_serialization", "cctz", "yaml"],
    cxx_std=17,
)

setup(ext_modules=[ext], cmdclass={"build_ext": build_ext})
