"""The claimx command with faults injected, for tests of what a crash may cost: an article
whose text holds BOOM raises in the pipeline, one holding DIE kills the process it is in,
and CLAIMX_FAULT=schema breaks ``claimx schema``. With --jobs, even these small inputs go
to worker processes.

    python tests/faults.py extract ...
"""

import os
import sys

import claimx
import claimx.record
import claimx.run
from claimx.cli import app

original = claimx.Extractor.pipe


def pipe(self, articles):
    for article in articles:
        if "BOOM" in article.text:
            raise IndexError("injected")
        if "DIE" in article.text:
            os._exit(3)
        yield from original(self, [article])


claimx.Extractor.pipe = pipe
claimx.run.WORKER_CHARS = 1
if os.environ.get("CLAIMX_FAULT") == "schema":
    claimx.record.JSON_SCHEMA = {"unserialisable": object()}
sys.argv[0] = "claimx"
app()
