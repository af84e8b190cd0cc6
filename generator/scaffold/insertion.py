"""Where in a file's text the new lines go, found in ruamel.yaml's composed tree, and the
text with them inserted."""

from __future__ import annotations

from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import ContentError, Problem
from generator.facts.loader import Loc


@dataclass(frozen=True)
class Insertion:
    """Where the new lines go (a character index at a line start) and how they are indented."""

    offset: int
    dash_col: int
    item_col: int
    header: str | None = None  # 'key:' line to write first, when the list does not exist yet


def _get(node: Node | None, key: str | int) -> Node | None:
    if isinstance(node, SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    if isinstance(node, MappingNode):
        return next((v for k, v in node.value if k.value == key), None)
    return None


def _end(text: str, node: Node) -> int:
    """Index just past the line holding the node's last character (and its comment)."""
    while (isinstance(node, MappingNode | SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    index = node.end_mark.index
    while index > 0 and text[index - 1] in " \t\r\n":
        index -= 1
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _dash_col(text: str, item: Node, where: str) -> int:
    start, col = item.start_mark.index, item.start_mark.column
    before = text[start - col : start]
    dash = before.rfind("-")
    if dash < 0 or before[:dash].strip() or before[dash + 1 :].strip():
        line = item.start_mark.line + 1
        raise ContentError([Problem(where, line, col + 1, "cannot tell how this list is indented")])
    return dash


def _problem(where: str, node: Node, message: str, hint: str) -> ContentError:
    mark = node.start_mark
    return ContentError([Problem(where, mark.line + 1, mark.column + 1, message, hint)])


def find_insertion(text: str, loc: Loc, where: str) -> Insertion:
    """Where to put an item appended to the list at ``loc``, from the composed tree."""
    try:
        root = YAML(typ="rt").compose(text)
    except YAMLError as exc:
        raise ContentError([Problem(where, 1, 1, f"cannot read the file: {exc}")]) from None
    parent = root
    for key in loc[:-1]:
        parent = _get(parent, key)
    node = _get(parent, loc[-1])
    if isinstance(node, SequenceNode) and node.value and not node.flow_style:
        item = node.value[0]
        return Insertion(_end(text, node), _dash_col(text, item, where), item.start_mark.column)
    if node is not None and not (isinstance(node, ScalarNode) and node.value == ""):
        raise _problem(
            where,
            node,
            f"'{loc[-1]}' is not a block list that can be appended to",
            "write it with one '- ' item per line",
        )
    if parent is None and len(loc) == 1:  # a file without data: the list goes at its end
        return Insertion(len(text), 2, 4, f"{loc[-1]}:")
    if not isinstance(parent, MappingNode) or parent.flow_style:
        raise _problem(
            where, parent, "cannot add to a flow-style mapping", "write it in block style"
        )
    col = parent.value[0][0].start_mark.column
    if node is not None:  # 'key:' with nothing after it
        return Insertion(_end(text, node), col + 2, col + 4)
    return Insertion(_end(text, parent), col + 2, col + 4, f"{' ' * col}{loc[-1]}:")


def insert(text: str, at: Insertion, lines: list[str]) -> tuple[str, int]:
    """The text with ``lines`` inserted, and the 1-based line number of the first one."""
    eol = "\r\n" if "\r\n" in text else "\n"
    block = ([at.header] if at.header else []) + lines
    piece = eol.join(block) + eol
    head = text[: at.offset]
    if head and not head.endswith("\n"):
        piece = eol + piece[: -len(eol)]  # the file had no final newline: keep it so
    first = head.count("\n") + 1 + bool(head and not head.endswith("\n"))
    return head + piece + text[at.offset :], first
