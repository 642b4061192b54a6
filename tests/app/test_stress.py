"""Nothing is lost under load: a real reader tagging, judging and undoing while other processes
import, export and list on the same file, with SIGKILLs of both at random moments (issue 12).

The suite runs a short bounded run; `python -m tests.app.stress --seconds 900` a long one.
"""

from __future__ import annotations

import os

from .stress import Stress

SECONDS = float(os.environ.get("GEGENLESEN_STRESS_SECONDS", "75"))


def test_no_action_the_screen_reported_is_lost_under_kills_and_concurrent_commands(demo_db_path, tmp_path):
    figures = Stress(demo_db_path, tmp_path, SECONDS, seed=12).run()
    print(figures.line(), figures.details(), sep="\n")
    assert figures.integrity == "ok"
    assert figures.losses == 0, figures.problems
    assert figures.problems == []
    assert figures.actions >= 10 and figures.kills >= 3 and figures.commands >= 5
