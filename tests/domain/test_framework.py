"""Frameworks: the shipped ones are valid and faithful to their sources; bad files are explained."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journal.domain import framework as fw
from journal.domain.framework import FrameworkError, load_framework_file, parse_framework

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "seeds"  # copies of ../shared/seeds, so this check always runs


def norm(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("¹", "").replace("that that", "that").replace("•", " ")
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def test_default_framework_file_is_the_packaged_one():
    shipped = fw.shipped_paths()
    assert set(shipped) == {"srn-values", "core-principles", "peer-support-values",
                            "learning-log"}
    assert shipped["srn-values"].read_text() == (ROOT / "framework.toml").read_text()


@pytest.mark.parametrize("name", sorted(fw.shipped_paths()))
def test_shipped_frameworks_are_valid(name):
    loaded = load_framework_file(fw.shipped_paths()[name])
    assert loaded.id == name and loaded.values and loaded.source


def test_srn_framework_shape():
    srn = load_framework_file(ROOT / "framework.toml")
    assert [v.name for v in srn.values] == ["Hope", "Experience", "Authenticity",
                                            "Responsibility", "Mutuality", "Empowerment"]
    assert all(len(v.statements) == 4 and v.prompt for v in srn.values)
    assert [len(srn.behaviours_in(a)) for a in fw.AREAS] == [16, 5, 6]
    assert srn.behaviours_in("peers")[0].text.startswith("Intentionally sharing")
    assert srn.behaviours_in("peers")[-1].text == "Respect diversity and have cultural awareness."
    assert srn.behaviours_in("self")[0].text.startswith("Maintaining and building on skills")
    assert srn.behaviours_in("self")[-1].text.startswith("Take personal responsibility")
    assert "grouping below is ours" in (ROOT / "framework.toml").read_text()


@pytest.mark.parametrize("name,seed", [
    ("srn-values", "000_"), ("core-principles", "002_"), ("peer-support-values", "003_"),
    ("learning-log", "004_"),
])
def test_framework_text_is_word_for_word_from_its_source(name, seed):
    source = norm(next(SEEDS.glob(f"{seed}*.txt")).read_text(encoding="utf-8"))
    loaded = load_framework_file(fw.shipped_paths()[name])
    quoted = [v.belief for v in loaded.values] + [s for v in loaded.values for s in v.statements]
    quoted += [b.text for b in loaded.behaviours]
    missing = [q for q in quoted if norm(q) not in source]
    assert not missing


GOOD = '''[framework]
id = "mine"
name = "My framework"
source = "me"

[[values]]
id = "hope"
name = "Hope"
belief = "Recovery is real."
statements = ["one", "two"]

[[behaviours]]
id = "listen"
text = "Listen first."
area = "peers"
'''


def check(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as info:
        parse_framework(text, "my.toml")
    return info.value.problems


def test_good_custom_framework():
    parsed = parse_framework(GOOD, "my.toml")
    assert parsed.value_ids == ["hope"] and parsed.behaviour_ids == ["listen"]


def test_unknown_key_names_line_and_allowed_keys():
    problems = check(GOOD.replace('belief = "Recovery is real."',
                                  'belief = "Recovery is real."\ncolour = "blue"'))
    assert problems == ["my.toml:10: unknown key 'colour' in [[values]] #1; allowed keys: id, "
                        "name, belief, statements, prompt"]


def test_duplicate_id_points_at_both_lines():
    problems = check(GOOD + '\n[[behaviours]]\nid = "hope"\ntext = "x"\narea = "self"\n')
    assert problems == ["my.toml:18: duplicate id 'hope' (first used on line 7); give each value "
                        "and behaviour its own id"]


def test_missing_name():
    problems = check(GOOD.replace('name = "Hope"\n', ""))
    assert problems == ["my.toml:6: [[values]] #1 has no 'name'; add name = \"...\""]


def test_wrong_type_after_multiline_array():
    text = GOOD.replace('statements = ["one", "two"]',
                        'statements = [\n  "one",\n  "two = three",\n]\nprompt = 5')
    assert check(text) == ["my.toml:14: 'prompt' in [[values]] #1 must be a quoted string"]


def test_statement_of_wrong_type():
    assert check(GOOD.replace('["one", "two"]', '["one", 2]')) == [
        "my.toml:10: statements must be a list of quoted strings"]


def test_bad_area_and_bad_id():
    problems = check(GOOD.replace('area = "peers"', 'area = "others"').replace(
        'id = "listen"', 'id = "Listen Well"'))
    assert problems == [
        "my.toml:13: id 'Listen Well' in [[behaviours]] #1 must be lower-case letters, digits and "
        "dashes (up to 40), like \"hope\" or \"share-hope\"",
        "my.toml:15: area 'others' is not one of peers, self, team; use one of them",
    ]


def test_syntax_error_has_its_line():
    problems = check(GOOD.replace('name = "Hope"', 'name = "Hope'))
    assert len(problems) == 1 and problems[0].startswith("my.toml:8: not valid TOML")


def test_missing_sections():
    assert check('[framework]\nid = "x"\nname = "X"\nsource = "s"\n') == [
        "my.toml:1: no values; add at least one [[values]] with id, name and belief"]
    problems = check('[[values]]\nid = "a"\nname = "A"\nbelief = "b"\n')
    assert problems[0] == "my.toml:1: missing [framework] section; add one with id, name and source"


def test_unknown_section_and_empty_value():
    problems = check(GOOD.replace('source = "me"', 'source = ""') + '\n[extras]\nx = 1\n')
    assert "my.toml:17: unknown section 'extras'" in problems[0]
    assert problems[1] == "my.toml:4: 'source' in [framework] is empty; fill it in"


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(GOOD.replace("Recovery", "R\xe9covery").encode("latin-1"))
    with pytest.raises(FrameworkError) as info:
        load_framework_file(path)
    assert info.value.problems == [f"{path}:9: not UTF-8 text; save the file as UTF-8"]


def test_catalogue_names_ids_from_other_frameworks(tmp_path):
    principles = load_framework_file(fw.shipped_paths()["core-principles"])
    catalogue = fw.Catalogue.for_home(tmp_path, principles)
    assert catalogue.value_name("hope") == "Hope"  # from the SRN framework, not active
    assert catalogue.value_name("safe") == "Safe"
    assert catalogue.value_name("gone-for-good") == "gone-for-good"
