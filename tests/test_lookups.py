"""The per-run lookups view of the governance reports (``_governance_common.Lookups``) answers
exactly as the Landscape lookups it stands for: same lists, same order, on every node."""

from __future__ import annotations

import pytest

from ea.landscape import Landscape, LandscapeError
from ea.queries import _governance_common as gc
from ea.schema import INTEGRATES_WITH, OBJECT, OWNED_BY, PART_OF, SYSTEM
from tests.fixtures_governance import build

LOOKUPS = ("objects_of", "systems_of", "owners_of", "parent_of", "information_of", "name",
           "node")


def awkward() -> Landscape:
    """The fixture plus what the importers rarely make: a system in two objects with roles
    on both, two OWNED_BY edges to one organisation under different keys, an organisation
    with two parents, a role held twice under different edge keys, a self-integration."""
    ls = build()
    s = ls.add_system("twin", name="Twin")
    o1, o2 = ls.add_object("o1", name="O1"), ls.add_object("o2", name="O2")
    p, q = ls.add_person("p", name="Pia Test"), ls.add_person("q", name="Quinn Test")
    org1, org2 = ls.add_organisation("org1", name="Org1"), ls.add_organisation("org2", name="Org2")
    ls.add_edge(PART_OF, s, o2)
    ls.add_edge(PART_OF, s, o1)
    ls.add_edge(OWNED_BY, s, org1)
    ls.add_edge(OWNED_BY, s, org1, key="second")
    ls.add_edge(PART_OF, org1, org2)
    ls.add_edge(PART_OF, org1, "Organisation:" + next(
        k.split(":", 1)[1] for k, _ in ls.nodes("Organisation") if k not in (org1, org2)))
    ls.add_role(q, o2, "it_manager", title="IT")
    ls.add_role(p, o1, "it_manager")
    ls.add_role(p, o1, "business_manager")
    ls.add_role(q, s, "business_manager")
    ls.add_role(p, s, "business_manager", title="first")  # and again below: a tie in order
    ls.add_edge("HAS_ROLE", p, s, key="HAS_ROLE|business_manager|again", role="business_manager",
                title="again")
    ls.add_integration(s, s, type="api")
    return ls


@pytest.mark.parametrize("make", [build, awkward])
def test_lookups_equal_the_landscape_on_every_node(make):
    ls = make()
    view = gc.lookups(ls)
    assert gc.lookups(view) is view
    assert len(view) == len(ls)
    for key, _ in ls.nodes():
        assert key in view
        for what in LOOKUPS:
            assert getattr(view, what)(key) == getattr(ls, what)(key), (what, key)
        for inherit in (True, False):
            assert view.roles_of(key, inherit=inherit) == ls.roles_of(key, inherit=inherit)
        # asked twice: the memo gives the same answer
        assert view.roles_of(key) == ls.roles_of(key)
        assert gc.effective_levels(view, key) == gc.effective_levels(ls, key)
        if ls.node(key)["kind"] in (SYSTEM, OBJECT):
            assert gc.effective_owners(view, key) == gc.effective_owners(ls, key)
            for role in ("object_owner", "business_manager", "it_manager"):
                assert gc.holders(view, key, role) == gc.holders(ls, key, role)
    for kind in (None, SYSTEM, OBJECT, "Organisation", "Person"):
        assert list(view.nodes(kind)) == list(ls.nodes(kind))
    for kind in (None, INTEGRATES_WITH, PART_OF, OWNED_BY):
        assert list(view.edges(kind)) == list(ls.edges(kind))
    # what it does not answer itself is the landscape's own
    assert view.resolve("Twin" if "System:twin" in ls else "Raindance") == ls.resolve(
        "Twin" if "System:twin" in ls else "Raindance")
    assert view.meta is ls.meta


def test_unknown_node_raises_as_the_landscape_does():
    view = gc.lookups(Landscape())
    with pytest.raises(LandscapeError):
        view.node("System:nope")
    for what in ("objects_of", "systems_of", "owners_of", "parent_of", "information_of",
                 "roles_of"):
        try:
            want = getattr(Landscape(), what)("System:nope")
        except Exception as e:  # noqa: BLE001 - whatever the landscape raises, the view does
            with pytest.raises(type(e)):
                getattr(view, what)("System:nope")
        else:
            assert getattr(view, what)("System:nope") == want
