"""feed.xml: an Atom 1.0 feed of the editions, newest first, read by a real feed parser."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import feedparser
import pytest

from generator.facts.content import Content
from generator.facts.model import Takeaway
from generator.publish.feed import ATOM, FEED_PATH
from tests.publish.helpers import EXAMPLE, EXERCISE, SITE_URL, loaded, publish

A = f"{{{ATOM}}}"


@pytest.fixture(scope="module")
def exercise() -> Content:
    return loaded(EXERCISE)


def _feed(
    content: Content, site_url: str | None = None, **headers: str
) -> feedparser.FeedParserDict:
    text = publish(content, site_url=site_url)[FEED_PATH].text
    return feedparser.parse(text.encode("utf-8"), response_headers=headers)


def test_the_feed_parses_with_an_entry_per_edition_newest_first(exercise: Content) -> None:
    feed = _feed(exercise, SITE_URL)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == exercise.briefing.title
    assert feed.feed.updated == f"{exercise.edition.date.start.isoformat()}T00:00:00Z"
    assert feed.feed.author == exercise.briefing.title
    links = {(link.rel, link.href) for link in feed.feed.links}
    assert links == {("self", SITE_URL + "feed.xml"), ("alternate", SITE_URL)}
    newest_first = list(reversed(exercise.editions))
    assert len(newest_first) == 3
    assert [e.link for e in feed.entries] == [
        f"{SITE_URL}editions/{edition.id}/" for edition in newest_first
    ]
    assert [e.title for e in feed.entries] == [
        f"Edition {edition.date.label()}" for edition in newest_first
    ]
    for entry, edition in zip(feed.entries, newest_first, strict=True):
        assert entry.updated.startswith(edition.date.start.isoformat())
        assert entry.id.startswith("urn:uuid:")
        assert entry.summary  # its summary, or its takeaways as text
        html = entry.content[0]
        assert html.type == "text/html"
        for takeaway in edition.takeaways:
            assert takeaway.text.split(";")[0] in html.value
            for fact_id in takeaway.cites:
                assert f'href="{SITE_URL}id/{fact_id}/"' in html.value
    assert len({e.id for e in feed.entries}) == 3


def test_ids_stay_when_the_site_moves(exercise: Content) -> None:
    here = _feed(exercise, SITE_URL)
    moved = _feed(exercise, "https://elsewhere.example.net/")
    local = _feed(exercise)
    assert [e.id for e in here.entries] == [e.id for e in moved.entries]
    assert [e.id for e in here.entries] == [e.id for e in local.entries]
    assert here.feed.id == moved.feed.id == local.feed.id


def test_without_a_site_url_links_are_relative_to_the_feed(exercise: Content) -> None:
    text = publish(exercise)[FEED_PATH].text
    root = ET.fromstring(text)
    assert root.get("{http://www.w3.org/XML/1998/namespace}base") == "./"
    hrefs = [link.get("href") for link in root.iter(f"{A}link")]
    assert "feed.xml" in hrefs and all(not h.startswith("http") for h in hrefs if h)
    # Served at its place, a reader resolves them against the feed's own URL.
    served = {"content-location": SITE_URL + "feed.xml", "content-type": "application/atom+xml"}
    feed = _feed(exercise, **served)
    assert not feed.bozo
    assert feed.entries[0].link == f"{SITE_URL}editions/{exercise.edition.id}/"


def test_a_title_with_markup_characters_stays_well_formed_and_reads_as_typed() -> None:
    content = loaded(EXAMPLE)
    title = "Tom & Jerry <b>\"quoted\"</b> 'single' ]]> &amp;"
    briefing = content.briefing.model_copy(update={"title": title})
    takeaway = Takeaway.model_construct(text='A < B & C > "D"', cites=["nis-1500-sent"])
    edition = content.edition.model_copy(update={"takeaways": [takeaway], "summary": title})
    content = dataclasses.replace(content, briefing=briefing, editions=[edition])
    text = publish(content, site_url=SITE_URL)[FEED_PATH].text
    root = ET.fromstring(text)  # well-formed, or this raises
    assert root.findtext(f"{A}title") == title
    assert root.find(f"{A}entry/{A}summary").text == title  # type: ignore[union-attr]
    feed = feedparser.parse(text.encode("utf-8"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == title
    assert "A &lt; B &amp; C &gt;" in feed.entries[0].content[0].value


def test_the_feed_is_byte_identical_for_the_same_content() -> None:
    first = publish(loaded(EXERCISE), site_url=SITE_URL)[FEED_PATH].text
    assert publish(loaded(EXERCISE), site_url=SITE_URL)[FEED_PATH].text == first


def test_each_entry_says_what_changed_since_the_edition_before(exercise: Content) -> None:
    entries = _feed(exercise).entries  # newest first: weeks 3, 2, 1
    texts = [entry.content[0].value for entry in entries]
    assert "Since the edition of 8 Mar 2030: 1 new source, 4 new figures, 3 claims " in texts[0]
    assert "2 statuses moved" in texts[1] and "1 new reaction" in texts[1]
    assert "Since the edition" not in texts[2]  # the first edition
