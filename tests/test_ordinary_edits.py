"""tools/ordinary_edits.py still applies to the shipped content (issue: an editor's ordinary edits
must leave the tests green, which is shown by running `make test` after them on a clone)."""

import runpy
import sys
from pathlib import Path

import pytest

from exchange_guide.model import load_content

TOOL = Path(__file__).resolve().parents[1] / "tools" / "ordinary_edits.py"


def test_the_ordinary_edits_apply_to_the_shipped_content(content_copy, monkeypatch, capsys):
    before = load_content(content_copy)
    if any(agency["id"] == "ordinary-edit-agency" for agency in before.pages["directory"]["agencies"]):
        pytest.skip("this content already has the ordinary edits (a clone they were made on to run make test)")
    monkeypatch.setattr(sys, "argv", [str(TOOL), str(content_copy)])
    runpy.run_path(str(TOOL), run_name="__main__")
    after = load_content(content_copy)
    assert len(after.pages["directory"]["agencies"]) == len(before.pages["directory"]["agencies"]) + 1
    assert "the content loads" in capsys.readouterr().out
