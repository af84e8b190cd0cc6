"""The pipeline leaves the interpreter as it found it: the cycle collector it pauses while
generating runs again afterwards, whether generation succeeded or failed."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.pipeline import generate, generate_site
from tests.conftest import REPORT_CONTENT


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.enable()
    yield
    if was_on:  # as it was before the test, whatever the test did
        gc.enable()
    else:
        gc.disable()


def test_generating_resumes_the_cycle_collector(collector_on: None) -> None:
    assert generate_site(REPORT_CONTENT).pages
    assert gc.isenabled()
    assert generate(REPORT_CONTENT)
    assert gc.isenabled()


def test_a_failed_generation_resumes_it_too(collector_on: None, tmp_path: Path) -> None:
    (tmp_path / "briefing.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError):
        generate_site(tmp_path)
    assert gc.isenabled()


def test_a_collector_paused_by_the_host_stays_paused(collector_on: None) -> None:
    gc.disable()
    generate_site(REPORT_CONTENT)
    assert not gc.isenabled()


def test_the_collector_is_on_again_after_these_tests() -> None:
    assert gc.isenabled()  # pytest runs with it on; no test above left it off
