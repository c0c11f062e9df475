"""Encryption at rest: with a key file set, the raw bytes of the data folder (database, WAL, search index, every
file) hold none of the protected values, which read back opened through the services; a wrong key opens nothing;
rotation rewraps the keys."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hrdmap.config import Settings
from hrdmap.domain.actor import Actor, Role
from hrdmap.domain.monitoring.vocabulary import Sensitivity
from hrdmap.monitoring.incident_file import incidents_from_file
from hrdmap.monitoring.indicators import IndicatorQuery
from hrdmap.services import accounts, corpus, sealing
from hrdmap.services.calls.importing import import_call
from hrdmap.services.calls.manage import stakeholder_contacts
from hrdmap.services.corpus import SearchFilters
from hrdmap.services.monitoring import duplicates, figures, records
from hrdmap.services.workspace import open_workspace

REPO = Path(__file__).resolve().parents[2]
ADMIN = Actor("admin", frozenset({Role.ADMINISTRATOR}))
TOTP = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
CONFIDENTIAL = ("digital-shield-submission.md", "tierra-viva-contribucion.eml")
#: Fictional incidents whose identities must not be found in clear: a victim reported twice (a duplicate pair,
#: the name spelt two ways) and a source who is a person, with a contact.
INCIDENTS = """
incidents:
  - title: Killing of a defender (fictional)
    date: 2025-03-04
    country: Honduras
    place: La Esperanza
    sensitivity: public
    acts: [killing]
    victims: [{name: Zorobabel Quintanilla-Etxeberria, sex: male, roles: [defenders],
               organisation: Fictional Union of Riverside Farmers}]
    sources: [{kind: person, name: Yolotzin Fictional-Relative, reference: "+000 555 0199 yolotzin@example.org",
               reliability: high, independence: primary, evidence: Yolotzin saw the car at the river crossing,
               sensitivity: confidential}]
    external_id: seal:1
  - title: Confidential detention in Honduras (fictional)
    description: Detained after meeting Wenceslao Fictional-Lawyer
    date: 2025-03-05
    country: Honduras
    place: La Esperanza
    sensitivity: confidential
    acts: [killing]
    victims: [{name: Zorobabel Quintanilla Etxeberria, sex: male, roles: [defenders]}]
    sources: [{kind: organisation, name: A fictional NGO, reference: report-7, reliability: high}]
    external_id: seal:2
"""
INCIDENT_SECRETS = [
    "Zorobabel",
    "Riverside Farmers",
    "Yolotzin",
    "555 0199",
    "saw the car at the river",
    "Xochiquetzal",
    "Confidential detention",
    "Wenceslao",
]


def _settings(home: Path, key: Path | None) -> Settings:
    return Settings(home=home, argon2_memory_kib=8192, search_backend="tantivy", key_file=key)


def _raw(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file())


@pytest.fixture(scope="module")
def sealed_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """A data folder with the example call imported under a key file; returns it, the key, the secrets."""
    root = tmp_path_factory.mktemp("sealed")
    key, home = root / "key", root / "home"
    key.write_text(sealing.new_key_file_text())
    secrets: list[str] = []
    public: set[str] = set()
    with open_workspace(_settings(home, key), create=True) as ws:
        import_call(ws, ADMIN, REPO / "examples" / "call.yaml")
        user = accounts.add_user(ws, ADMIN, "olu", "correct horse battery staple", ["officer"])
        ws.store.accounts.save_user(replace(user, totp_secret=TOTP))
        for document in corpus.list_documents(ws, ADMIN):
            loaded = corpus.load(ws, ADMIN, str(document.id))
            if not document.source.split("!")[0].endswith(CONFIDENTIAL):
                public |= {b.text for b in loaded.document.blocks}
                continue
            secrets += [b.text for b in loaded.document.blocks if len(b.text) > 40][:8]
            secrets += [v for v in loaded.document.meta.values() if len(v) > 8]
        secrets = [s for s in secrets if not any(s in p for p in public)]  # the fictional-example banner
        secrets += list(stakeholder_contacts(ws, ADMIN, ["digital-shield", "tierra-viva", "norway"]).values())
        incidents = root / "incidents.yaml"
        incidents.write_text(INCIDENTS, encoding="utf-8")
        first, second = incidents_from_file(incidents)
        records.add_incident(ws, ADMIN, replace(first, attributes={"informant": "Xochiquetzal Fictional-Informant"}))
        records.add_incident(ws, ADMIN, second)
        secrets += INCIDENT_SECRETS
    assert len(secrets) > 8, secrets
    return home, key, [*secrets, TOTP]


def test_the_data_folder_holds_no_protected_value_in_clear(sealed_home: tuple[Path, Path, list[str]]) -> None:
    home, _, secrets = sealed_home
    raw = _raw(home)
    assert b"hrd-call@example.org" in raw  # the call's own public address is not protected: the scan works
    assert b"Killing of a defender (fictional)" in raw  # a public incident's title is not sealed: incidents scanned
    leaked = [s for s in secrets if s.encode() in raw]
    assert leaked == [], leaked


def test_the_search_index_held_confidential_text_in_clear_beside_the_database_and_no_longer_does_with_a_key(
    sealed_home: tuple[Path, Path, list[str]],
) -> None:
    """Issue 8, "files and permissions": the search index held the plain text beside the database."""
    home, _, secrets = sealed_home
    files = [p for p in home.rglob("*") if p.is_file() and "search" in p.relative_to(home).parts[0]]
    index = b"".join(p.read_bytes() for p in files)
    assert index, "the search index is in the data folder"
    assert [s for s in secrets if s.encode() in index] == []


def test_protected_values_read_back_with_the_key_and_stay_out_of_search(
    sealed_home: tuple[Path, Path, list[str]],
) -> None:
    home, key, secrets = sealed_home
    with open_workspace(_settings(home, key)) as ws:
        contacts = stakeholder_contacts(ws, ADMIN, ["digital-shield"])
        assert contacts == {"digital-shield": "digital-shield@example.org"}
        user = ws.store.accounts.user_by_name("olu")
        assert user is not None and user.totp_secret == TOTP
        hits = corpus.search(ws, ADMIN, "digital security support", SearchFilters(limit=50))
        assert not any(h.document.source.endswith(CONFIDENTIAL[0]) for h in hits)
        shield = next(d for d in corpus.list_documents(ws, ADMIN) if d.source.endswith(CONFIDENTIAL[0]))
        text = " ".join(b.text for b in corpus.load(ws, ADMIN, str(shield.id)).document.blocks)
        assert any(s in text for s in secrets)


def test_incidents_read_back_opened_for_the_cleared_and_withheld_for_others(
    sealed_home: tuple[Path, Path, list[str]],
) -> None:
    home, key, _ = sealed_home
    reviewer = Actor("rui", frozenset({Role.REVIEWER}))
    with open_workspace(_settings(home, key)) as ws:
        first, second = (i.id for i in records.list_incidents(ws, ADMIN, records.IncidentFilter())[::-1])
        assert first is not None and second is not None
        full = records.get_incident_for(ws, ADMIN, first)
        assert full.victims[0].name == "Zorobabel Quintanilla-Etxeberria"
        assert full.sources[0].reference.endswith("yolotzin@example.org")
        assert full.attributes == {"informant": "Xochiquetzal Fictional-Informant"}
        assert records.get_incident_for(ws, ADMIN, second).description.startswith("Detained after meeting")
        seen = records.get_incident_for(ws, reviewer, first)  # no need to know confidential sources
        assert seen.sources == () and seen.victims[0].name.startswith("Zorobabel")


def test_duplicates_and_figures_work_on_sealed_incidents(sealed_home: tuple[Path, Path, list[str]]) -> None:
    home, key, _ = sealed_home
    with open_workspace(_settings(home, key)) as ws:
        pairs = duplicates.candidates(ws, ADMIN, clearance=Sensitivity.CONFIDENTIAL)
        assert len(pairs) == 1 and pairs[0].probability > 0.9
        table = figures.indicator_table(ws, ADMIN, Sensitivity.CONFIDENTIAL)
        query = IndicatorQuery(acts=("killing",), by=("country",), clearance=Sensitivity.CONFIDENTIAL)
        assert [(c.key, c.victims) for c in table.count(query)] == [(("HND",), 2)]
        table.close()


def test_a_wrong_key_opens_nothing_and_rotation_moves_to_a_new_key(
    sealed_home: tuple[Path, Path, list[str]], tmp_path: Path
) -> None:
    home, key, _ = sealed_home
    wrong = tmp_path / "wrong"
    wrong.write_text(sealing.new_key_file_text())
    with pytest.raises(sealing.KeyError_, match="does not open"):
        with open_workspace(_settings(home, wrong)):
            pass
    passphrase = tmp_path / "passphrase"
    passphrase.write_text("a long passphrase for the data folder\n")
    with open_workspace(_settings(home, key)) as ws:
        assert sealing.rotate_keys(ws, ADMIN, passphrase) >= 1
    with pytest.raises(sealing.KeyError_):
        with open_workspace(_settings(home, key)):
            pass
    with open_workspace(_settings(home, passphrase)) as ws:
        assert stakeholder_contacts(ws, ADMIN, ["norway"]) == {"norway": "norway-mission@example.org"}
