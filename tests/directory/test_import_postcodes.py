"""The ONSPD postcode importer: what it imports, what it skips, how it reports bad rows."""

import csv
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from directory.models import Postcode

# The ONSPD column set, in the order the real file uses.
HEADER_LINE = (
    "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,osgrdind,"
    "oshlthau,nhser,ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward,park,lsoa01,"
    "msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,sicbl,bua24,ru11ind,oac11,lat,long,lep1,lep2,pfa,"
    "imd,calncv,icb,oa21,lsoa21,msoa21,ruc21ind,hlthau"
)
HEADER = HEADER_LINE.split(",")

DUNDEE, PERTH, ANGUS = "S12000042", "S12000048", "S12000041"
TAYSIDE = "S08000030"


def onspd_row(pcds, lat, long, oslaua=DUNDEE, hlthau=TAYSIDE, doterm="", **extra):
    """A row as ONSPD writes it: pcd is padded to 7 characters, pcd2 to 8."""
    outward, _, inward = pcds.partition(" ")
    return {
        "pcd": f"{outward:<4}{inward}"[:7],
        "pcd2": f"{outward:<5}{inward}"[:8],
        "pcds": pcds,
        "dointr": "198001",
        "doterm": doterm,
        "oslaua": oslaua,
        "ctry": "S92000003",
        "lat": lat,
        "long": long,
        "oshlthau": hlthau,
        "hlthau": hlthau,
        **extra,
    }


GOOD_AND_BAD = [
    onspd_row("DD4 7AA", "56.474500", "-2.927000"),  # line 2
    onspd_row("PH1 5AA", "56.395972", "-3.437215", oslaua=PERTH),  # line 3
    onspd_row("DD1 9ZZ", "56.460000", "-2.970000", doterm="200112"),  # line 4: terminated
    onspd_row("DD8 9ZZ", "99.999999", "0.000000", oslaua=ANGUS),  # line 5: no grid reference
    onspd_row("ZZZ", "56.460000", "-2.970000"),  # line 6
    onspd_row("DD2 1AB", "north", "-2.990000"),  # line 7
    onspd_row("DD3 1AB", "123", "-2.990000"),  # line 8
    onspd_row("DD5 1AA", "56.466100", "-2.869900"),  # line 9
    onspd_row("DD10 8AA", "56.700000", "-2.466000", oslaua=""),  # line 10: no council
    onspd_row("DD11 1AA", "56.560000", "-200"),  # line 11
]


def write_onspd(tmp_path, rows, header=HEADER, name="onspd.csv", encoding="utf-8"):
    path = tmp_path / name
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, quoting=csv.QUOTE_ALL, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_postcodes", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_imports_good_rows_with_their_values(tmp_path):
    out, _ = run(write_onspd(tmp_path, GOOD_AND_BAD))

    assert sorted(Postcode.objects.values_list("postcode", flat=True)) == ["DD4 7AA", "DD5 1AA", "PH1 5AA"]
    dundee = Postcode.objects.get(pk="DD4 7AA")
    assert dundee.outward == "DD4"
    assert dundee.latitude == Decimal("56.474500")
    assert dundee.longitude == Decimal("-2.927000")
    assert dundee.council_code == DUNDEE
    assert dundee.health_board_code == TAYSIDE
    perth = Postcode.objects.get(pk="PH1 5AA")
    assert (perth.outward, perth.council_code) == ("PH1", PERTH)
    assert (perth.latitude, perth.longitude) == (Decimal("56.395972"), Decimal("-3.437215"))
    assert "Imported 3 postcodes; skipped 1 terminated, 1 without a location; 5 bad rows." in out
    assert "rows/second" in out


@pytest.mark.django_db
def test_terminated_and_unlocated_postcodes_are_skipped_not_errors(tmp_path):
    _, err = run(write_onspd(tmp_path, GOOD_AND_BAD))

    assert not Postcode.objects.filter(pk__in=["DD1 9ZZ", "DD8 9ZZ"]).exists()
    assert "line 4" not in err
    assert "line 5" not in err


@pytest.mark.django_db
def test_each_bad_row_is_reported_with_its_line_number(tmp_path):
    _, err = run(write_onspd(tmp_path, GOOD_AND_BAD))

    assert err.splitlines() == [
        "line 6: malformed postcode 'ZZZ'",
        "line 7: latitude 'north' is not a number",
        "line 8: latitude 123 is out of range (-90 to 90)",
        "line 10: missing value for oslaua",
        "line 11: longitude -200 is out of range (-180 to 180)",
    ]


@pytest.mark.django_db
def test_reimport_updates_in_place(tmp_path):
    path = write_onspd(tmp_path, GOOD_AND_BAD)
    run(path)
    run(path)
    assert Postcode.objects.count() == 3

    moved = [onspd_row("DD4 7AA", "56.480001", "-2.930002", hlthau="")]
    out, _ = run(write_onspd(tmp_path, moved, name="moved.csv"))

    assert "Imported 1 postcodes" in out
    assert Postcode.objects.count() == 3
    dundee = Postcode.objects.get(pk="DD4 7AA")
    assert (dundee.latitude, dundee.longitude) == (Decimal("56.480001"), Decimal("-2.930002"))
    assert dundee.health_board_code == ""
    assert Postcode.objects.get(pk="PH1 5AA").latitude == Decimal("56.395972")


@pytest.mark.django_db
def test_missing_required_columns_fail_naming_them(tmp_path):
    header = [name for name in HEADER if name not in ("oslaua", "long")]
    path = write_onspd(tmp_path, GOOD_AND_BAD, header=header)

    with pytest.raises(CommandError, match=r"missing required ONSPD column\(s\): long, oslaua"):
        run(path)
    assert not Postcode.objects.exists()


@pytest.mark.django_db
def test_small_batches_import_everything(tmp_path):
    rows = [onspd_row(f"DD{n} {n}AB", f"56.{n:06d}", f"-2.{n:06d}") for n in range(1, 10)]
    out, _ = run(write_onspd(tmp_path, rows), "--batch-size", "2")

    assert Postcode.objects.count() == 9
    assert Postcode.objects.get(pk="DD7 7AB").latitude == Decimal("56.000007")
    assert "Imported 9 postcodes" in out


@pytest.mark.django_db
def test_without_a_health_board_column_the_code_is_blank(tmp_path):
    header = [name for name in HEADER if name != "hlthau"]
    run(write_onspd(tmp_path, GOOD_AND_BAD[:1], header=header))

    assert Postcode.objects.get(pk="DD4 7AA").health_board_code == ""


@pytest.mark.django_db
def test_a_byte_order_mark_is_ignored(tmp_path):
    run(write_onspd(tmp_path, GOOD_AND_BAD[:1], encoding="utf-8-sig"))

    assert Postcode.objects.filter(pk="DD4 7AA").exists()


@pytest.mark.django_db
def test_bad_row_reports_are_capped(tmp_path):
    rows = [onspd_row("ZZZ", "56.4", "-2.9") for _ in range(105)]
    out, err = run(write_onspd(tmp_path, rows))

    lines = err.splitlines()
    assert len(lines) == 101
    assert lines[0] == "line 2: malformed postcode 'ZZZ'"
    assert lines[99] == "line 101: malformed postcode 'ZZZ'"
    assert lines[100] == "... and 5 more bad rows"
    assert "105 bad rows" in out
