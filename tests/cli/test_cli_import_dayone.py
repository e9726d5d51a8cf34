"""`journal import dayone`: Day One's JSON export, as its zip or its Journal.json, through the
real command line into a real journal. The fixture is written by hand in the shape Day One
exports (metadata, entries with creationDate in UTC, timeZone, Markdown text with Day One's
escapes, richText, photos with dayone-moment links, location, weather, device details)."""

from __future__ import annotations

import json
import zipfile

import pytest
from conftest import fails, ok

PHOTO = "1A2B3C4D5E6F47A8B9C0D1E2F3A4B5C6"
FIRST_UUID = "4F3C8A1B2D6E4F7A9B0C1D2E3F4A5B6C"

FIRST = {
    "uuid": FIRST_UUID,
    "creationDate": "2023-07-14T23:30:00Z",  # 00:30 the next day in London (BST)
    "modifiedDate": "2023-07-15T08:02:11Z",
    "timeZone": "Europe/London",
    "starred": True,
    "isPinned": False,
    "duration": 0,
    "editingTime": 312.5,
    "creationDevice": "Morag\u2019s iPhone",
    "creationDeviceType": "iPhone",
    "creationOSName": "iOS",
    "creationOSVersion": "16.5.1",
    "text": "# After the ward round\n\nSat with P2 for an hour\\. We talked about going home "
            "\\(at last\\)\\!\n\n\\- bring the leaflet\n\\- ask about the bus pass\n\n"
            f"![](dayone-moment://{PHOTO})\n\nStill thinking about it\\.",
    "richText": json.dumps({"meta": {"version": 1}, "contents": [
        {"text": "After the ward round\n", "attributes": {"line": {"header": 1}}},
        {"embeddedObjects": [{"type": "photo", "identifier": PHOTO}]}]}),
    "tags": ["Hope", "ward round"],
    "photos": [{"identifier": PHOTO, "md5": "0cc175b9c0f1b6a831c399e269772661", "type": "jpeg",
                "orderInEntry": 0, "width": 3024, "height": 4032, "isSketch": False}],
    "location": {"placeName": "Connect Cafe", "localityName": "Glasgow",
                 "administrativeArea": "Scotland", "country": "United Kingdom",
                 "latitude": 55.8642, "longitude": -4.2518,
                 "region": {"center": {"latitude": 55.8642, "longitude": -4.2518},
                            "radius": 75}},
    "weather": {"conditionsDescription": "Light Rain", "temperatureCelsius": 14.2,
                "weatherServiceName": "HAMweather"},
}
SECOND = {
    "uuid": "9D8C7B6A5F4E4D3C2B1A0F9E8D7C6B5A",
    "creationDate": "2024-01-05T15:10:00Z",
    "timeZone": "America/New_York",
    "starred": False,
    "text": "Conference day in New York, a long one, and I felt out of my depth in the "
            "workshop on co\\-production\\.\n\n![](dayone-moment:/video/AB12CD34EF56)",
    "tags": ["conference"],
    "videos": [{"identifier": "AB12CD34EF56", "md5": "92eb5ffee6ae2fec3ad71c777531578f",
                "type": "mov", "duration": 12.4}],
}


def export(tmp_path, *entries, name="Journal.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"metadata": {"version": "1.0"}, "entries": list(entries)},
                               indent=2, ensure_ascii=False))
    return path


def zipped(tmp_path, *entries):
    """The zip Day One writes: the journal's JSON and a photos folder."""
    source = export(tmp_path, *entries)
    path = tmp_path / "Export-Journal.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(source, "Journal.json")
        archive.writestr("photos/0cc175b9c0f1b6a831c399e269772661.jpeg", b"\xff\xd8\xff\xe0")
    source.unlink()
    return path


def listed(cli):
    return json.loads(ok(cli("list", "--json")).out)["entries"]


def test_a_day_one_zip_comes_in_with_local_times_placeholders_and_marks(cli, tmp_path):
    path = zipped(tmp_path, FIRST, SECOND)
    done = ok(cli("import", "dayone", str(path)))
    assert f"Imported 2 entries from {path}." in done.out
    assert done.out.splitlines()[1:] == [
        "  device details left out (entries): 1",
        "  editing times left out (entries): 1",
        "  last-edited dates left out (entries): 1",
        "  locations left out (--with-location keeps the place): 1",
        "  photos shown as [photo] (the images are not imported): 1",
        "  starred entries, kept as the tag 'starred': 1",
        "  videos shown as [video] (not imported): 1",
        "  weather left out (entries): 1",
    ]

    conference, ward = listed(cli)
    assert ward["date"] == "2023-07-15T00:30:00+01:00"  # London's date, not UTC's
    assert conference["date"] == "2024-01-05T10:10:00-05:00"
    assert ward["title"] == "After the ward round"
    assert ward["body"] == ("Sat with P2 for an hour. We talked about going home (at last)!\n\n"
                            "- bring the leaflet\n- ask about the bus pass\n\n[photo]\n\n"
                            "Still thinking about it.")
    assert ward["values"] == {"hope": "tagged"}
    assert ward["tags"] == ["ward round", "starred"]
    assert ward["flagged"] is False  # a favourite is not "bring to supervision"
    assert "Connect Cafe" not in ward["body"] and "Glasgow" not in ward["body"]
    assert conference["title"].startswith("Conference day in New York")
    assert "co-production." in conference["title"]
    assert conference["body"] == "[video]"
    assert conference["tags"] == ["conference"]

    again = ok(cli("import", "dayone", str(path)))
    assert "Imported 0 entries" in again.out and "(2 already imported, skipped)" in again.out
    assert len(listed(cli)) == 2


def test_journal_json_alone_with_location_kept_and_a_dry_run_first(cli, tmp_path):
    path = export(tmp_path, FIRST)
    dry = ok(cli("import", "dayone", str(path), "--with-location", "--dry-run"))
    assert "Would import 1 entry from" in dry.out and "Nothing was written (--dry-run)." in dry.out
    assert "  places kept as the text's last line 'Place: ...': 1" in dry.out
    assert listed(cli) == []
    ok(cli("import", "dayone", str(path), "--with-location"))
    (entry,) = listed(cli)
    assert entry["body"].endswith(
        "\n\nPlace: Connect Cafe, Glasgow, Scotland, United Kingdom")
    assert "55.86" not in entry["body"]  # the place, never the coordinates


def test_an_entry_without_a_uuid_is_recognised_by_its_date_and_text(cli, tmp_path):
    bare = {k: v for k, v in SECOND.items() if k != "uuid"}
    path = export(tmp_path, bare, bare)
    first = ok(cli("import", "dayone", str(path))).out
    assert "Imported 1 entry from" in first and "(1 repeated in the source, skipped)" in first
    again = ok(cli("import", "dayone", str(path))).out
    assert "Imported 0 entries" in again and "(2 already imported, skipped)" in again


@pytest.mark.parametrize("change, expected", [
    ({"creationDate": "last Tuesday"}, f"entry 2 (uuid {FIRST_UUID}) has no valid "
                                       "\"creationDate\""),
    ({"creationDate": "0001-01-01T00:00:00Z"}, "out of range"),
    ({"tags": "hope"}, "has \"tags\" that are not a list of text"),
])
def test_a_bad_entry_is_one_line_naming_the_file_and_entry_and_nothing_is_written(
        cli, tmp_path, change, expected):
    path = export(tmp_path, SECOND, {**FIRST, **change})
    result = fails(cli("import", "dayone", str(path)), 1, str(path), expected)
    assert result.err.count("\n") == 1
    assert listed(cli) == []


def test_files_that_are_not_day_one_exports(cli, tmp_path):
    broken = tmp_path / "Journal.json"
    broken.write_text('{"metadata": {},\n "entries": [\n{"uuid": "x",}\n]}')
    fails(cli("import", "dayone", str(broken)), 1, f"{broken}:3: not valid JSON",
          "export it again from Day One")
    other = tmp_path / "other.json"
    other.write_text('{"items": []}')
    fails(cli("import", "dayone", str(other)), 1, "not a Day One JSON export (no \"entries\"")
    empty_zip = tmp_path / "photos.zip"
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("photos/a.jpeg", b"\xff\xd8")
    fails(cli("import", "dayone", str(empty_zip)), 1, "no journal (.json) in this zip")
    fails(cli("import", "dayone", str(tmp_path)), 1, "is a folder")
    fails(cli("import", "dayone", str(tmp_path / "missing.zip")), 1, "cannot read")
    text = tmp_path / "notes.txt"
    text.write_text("Dear diary")
    fails(cli("import", "dayone", str(text)), 1, "not a Day One export")
    assert listed(cli) == []
