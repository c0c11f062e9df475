"""Issue 8 ("Hardening"): every failure it reported has a regression test named after it.

The issue tried hrdmap with 72 hostile or careless inputs; the failures are listed below as the issue words them,
each with the test that reproduces it (it failed before the fix and passes after). docs/threat-model.md carries the
same table. This test fails when one of them is renamed or removed.
"""

# ruff: noqa: E501 - the table names tests in full, one per line
from __future__ import annotations

import re
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]

#: failure (as the issue words it) → (path, test name) of its regression test.
FAILURES: dict[str, tuple[str, str]] = {
    "1. a DOCX, an ODT or a PDF decompression bomb exhausts memory, the process killed with no error line":
        ("hostile/test_bombs.py", "test_a_decompression_bomb_exhausted_memory_and_is_now_refused_before_parsing"),
    "2. poison pill: the interrupted batch is resumed by every later ingest, which dies again":
        ("hostile/test_poison.py", "test_a_file_that_killed_hrdmap_was_parsed_again_by_every_later_run_and_is_now_failed_once"),
    "2. /dev/zero is read forever":
        ("hostile/test_paths.py", "test_dev_zero_given_to_ingest_was_read_forever_and_is_now_refused"),
    "2. a FIFO blocks forever":
        ("hostile/test_paths.py", "test_a_fifo_given_to_ingest_blocked_forever_and_is_now_refused"),
    "3. the draft quotes confidential contributions verbatim (name variant, witness, city, phone survive)":
        ("hostile/test_canaries.py", "test_the_draft_quoted_confidential_contributions_verbatim_and_now_redacts_their_personal_data"),
    "3. map.html and map --format json list confidential titles, file names and paragraph text":
        ("hostile/test_canaries.py", "test_map_listed_confidential_titles_file_names_and_text_and_no_longer_does"),
    "3. export writes confidential documents with full source paths and no consent column":
        ("services/test_export.py", "test_export_wrote_confidential_documents_with_full_paths_and_no_consent_column_and_no_longer_does"),
    "3. published copies keep document metadata (author, last modified by, comments, tracked changes)":
        ("hostile/test_published_copies.py", "test_published_copies_kept_document_metadata_comments_and_tracked_changes_and_no_longer_do"),
    "3. an HTML contribution is republished with its live script":
        ("hostile/test_published_copies.py", "test_an_html_contribution_was_republished_with_its_live_script_and_no_longer_is"),
    "4. the data folder and the SQLite file are world-readable":
        ("hostile/test_data_folder.py", "test_the_data_folder_was_world_readable_and_is_now_private_whatever_the_umask"),
    "4. the search index holds the plain text beside them":
        ("services/test_sealing.py", "test_the_search_index_held_confidential_text_in_clear_beside_the_database_and_no_longer_does_with_a_key"),
    "5. CSV injection in hrdmap export --format csv":
        ("services/test_export.py", "test_csv_injection_in_export_cells_starting_with_a_formula_character_are_neutralised"),
    "6. a tampered inputs/.hrdmap-inputs manifest makes calls page delete files outside its folder":
        ("reports/test_inputs_page.py", "test_a_tampered_inputs_manifest_made_calls_page_delete_files_outside_its_folder_and_no_longer_does"),
    "6. links to files outside the ingested folder are followed silently":
        ("hostile/test_paths.py", "test_a_link_to_a_file_outside_the_folder_was_followed_silently_and_is_now_refused"),
    "7. a file name that is not valid UTF-8 crashes the whole ingest":
        ("hostile/test_paths.py", "test_a_file_name_that_is_not_utf8_crashed_the_whole_ingest_and_is_now_stored"),
    "7. a read-only data folder makes every command fail with a traceback":
        ("hostile/test_data_folder.py", "test_a_read_only_data_folder_failed_every_command_with_a_traceback_and_now_answers_reads"),
    "7. a YAML alias bomb in call.yaml hangs the import":
        ("hostile/test_yaml.py", "test_a_yaml_alias_bomb_in_call_yaml_hung_the_import_and_is_now_refused"),
    "7. names with terminal escape sequences are printed raw":
        ("cli/test_terminal_safety.py", "test_a_name_with_an_escape_sequence_was_printed_raw_and_cleared_the_screen"),
    "9. a 95 MiB text file takes 10 minutes and 812 MB":
        ("hostile/test_bombs.py", "test_a_95_mib_text_file_took_ten_minutes_and_is_now_over_the_character_budget"),
}
#: Failures whose tests another piece of work owns (checked only once they exist).
ELSEWHERE = {
    "8. audit rows can be deleted or changed with plain SQL; the actor comes from an environment variable; "
    "confidential reads are not recorded": "the hash-chained audit (hrdmap audit verify) is its own piece of work",
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_every_failure_of_issue_8_has_a_test_named_after_it(failure: str) -> None:
    path, name = FAILURES[failure]
    source = (TESTS / path).read_text(encoding="utf-8")
    assert re.search(rf"^def {re.escape(name)}\(", source, flags=re.MULTILINE), f"{failure}: no {name} in {path}"
