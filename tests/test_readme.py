"""The README's Python examples run as written (from the project folder)."""

import contextlib
import io
import os
import re

from conftest import ROOT


def test_readme_python_blocks_run():
    blocks = re.findall(r"^```python\n(.*?)^```", (ROOT / "README.md").read_text("utf-8"),
                        re.S | re.M)
    assert len(blocks) == 2
    namespace: dict = {}
    printed = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(printed):
            for block in blocks:
                exec(compile(block, "README.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
    lines = printed.getvalue().splitlines()
    doc = namespace["doc"]
    assert lines[0].startswith("Vladimir Putin | said |")
    assert [line.split()[0] for line in lines[1:3]] == [p.stem for p in
                                                        sorted((ROOT / "samples").glob("*.txt"))]
    assert len(lines) == 3 + len(doc._.claims) > 3
    assert "claimx_claims" in doc.spans and namespace["html"].count("font-size: 0.6em") > 0
