"""Dependency cycles between obligations: ``a`` after ``b`` after ``a`` can never come into force.

Such obligations would otherwise stay *not in force* for ever without a word. Two obligations
``parallel`` to each other are the documented way to tie two steps (whichever is done first sets
the other's due day: docs/obligation-logic.md), not a cycle; any other loop of ``after`` and
``parallel`` links is. Each group of
obligations that depend on one another (a strongly connected component, found by Tarjan's
algorithm without recursion, in time linear in obligations and dependencies) gives one problem
that names one cycle through it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from compliance.core.model import Agreement
from compliance.core.vocabulary import DependencyType


def dependency_cycles(agreement: Agreement) -> Iterator[tuple[str, str]]:
    """``(key path, message)`` for each cycle of ``depends_on`` (``after`` or ``parallel``)."""
    position = {ob.id: i for i, ob in enumerate(agreement.obligations)}
    parallel = {
        (ob.id, d.obligation) for ob in agreement.obligations for d in ob.depends_on
        if d.relation is DependencyType.PARALLEL
    }  # fmt: skip
    edges = {
        ob.id: sorted(
            {
                d.obligation for d in ob.depends_on
                if d.obligation in position and not (
                    d.relation is DependencyType.PARALLEL and (d.obligation, ob.id) in parallel
                )
            } - {ob.id}
        )
        for ob in agreement.obligations
    }  # fmt: skip
    for group in _components(edges):
        start = min(group)
        cycle = _cycle_through(start, edges, group)
        yield (
            f"$.obligations[{position[start]}].depends_on",
            "obligations depend on each other in a cycle, so none can come into force: " + " → ".join(cycle),
        )


def _components(edges: dict[str, list[str]]) -> list[set[str]]:
    """Strongly connected components with more than one member (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[set[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            successors = edges[node]
            if i < len(successors):
                work.append((node, i + 1))
                nxt = successors[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(group)
    return found


def _cycle_through(start: str, edges: dict[str, list[str]], group: set[str]) -> list[str]:
    """The shortest cycle from ``start`` back to it inside ``group`` (breadth first)."""
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in edges[node]:
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [*reversed(path), start]
            if nxt in group and nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return [start, start]  # not reached: every member of a component lies on a cycle
