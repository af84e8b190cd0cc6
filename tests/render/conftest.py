"""Fixtures of the render tests: the example's content and its deployment, loaded once a
module (the chart tests read them)."""

from __future__ import annotations

import pytest

from generator.facts.content import Content
from generator.facts.model import Deployment
from generator.pipeline import load
from tests.conftest import REPORT_CONTENT


@pytest.fixture(scope="module")
def content() -> Content:
    return load(REPORT_CONTENT)


@pytest.fixture(scope="module")
def deployment(content: Content) -> Deployment:
    return content.deployments[0]
