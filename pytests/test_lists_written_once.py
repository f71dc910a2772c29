"""Lists the Python code keeps beside the contract: each one is checked against it, so an
export half-added to the contract fails here, naming it."""

from __future__ import annotations

from atelier.contract import load_contract
from atelier.demo import ID_PREFIXES


def test_demo_id_prefixes_cover_every_export_with_an_id() -> None:
    """The demo numbers the ids of every business export with a primary key (the registry's
    id is the business itself)."""
    with_ids = {
        name
        for name, export in load_contract().items()
        if export.primary_key is not None and not export.at_root
    }
    missing = sorted(with_ids - ID_PREFIXES.keys())
    unknown = sorted(ID_PREFIXES.keys() - with_ids)
    assert not missing, f"exports with an id but no demo id prefix (atelier/demo.py): {missing}"
    assert not unknown, f"demo id prefixes of no export with an id in the contract: {unknown}"
    assert len(set(ID_PREFIXES.values())) == len(ID_PREFIXES), "two exports share an id prefix"
