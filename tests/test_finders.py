"""The finder registry: every finder module is run, and every cue ``frame`` the rule
schema accepts has the finder that reads it."""

import importlib
import pkgutil
from typing import get_args

import claimx.finders
from claimx.finders import FILLERS, OPENERS
from claimx.finders.cued import CueFinder
from claimx.schema import Cue


def test_each_cue_frame_of_the_schema_has_one_finder():
    frames = [f.frame for f in OPENERS if isinstance(f, CueFinder)]
    assert sorted(frames) == sorted(get_args(Cue.model_fields["frame"].annotation))


def test_every_finder_defined_is_registered_once():
    defined = set()
    for module in pkgutil.iter_modules(claimx.finders.__path__):
        found = importlib.import_module(f"claimx.finders.{module.name}")
        defined |= {c for c in vars(found).values() if isinstance(c, type)
                    and c.__module__ == found.__name__ and callable(getattr(c, "find", None))
                    and not c.__subclasses__() and not getattr(c, "_is_protocol", False)}
    registered = [type(f) for f in OPENERS + FILLERS]
    assert len(registered) == len(set(registered))
    assert set(registered) == defined
