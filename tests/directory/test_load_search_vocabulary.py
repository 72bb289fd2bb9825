"""`manage.py load_search_vocabulary`: entries from a CSV file, each bad row reported by line and
reason, the rest loaded, and the search using them at once."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict

from directory import thesaurus
from directory.models import SearchTerm
from directory.search import search_services
from tests.factories import ServiceFactory

pytestmark = pytest.mark.usefixtures("fresh_vocabulary")
HEADER = "phrase,topics,audiences,elements,words,note\n"


def load(path: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_search_vocabulary", "--file", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "vocabulary.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_bad_rows_are_reported_by_line_and_the_rest_are_loaded(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "gubbed,bereavement,,,widowed; lost a partner,\n"  # line 2: good
        + "zorbled,no_such_topic,,,,\n"  # line 3: unknown topic
        + ",bereavement,,,grief,\n"  # line 4: no phrase
        + "gubbed,,,,grief,\n"  # line 5: repeated
        + "flumped,,,emotional,someone to talk to,\n"  # line 6: good
        + "nothingness,,,,,\n",  # line 7: maps to nothing
    )
    out, err = load(path)

    assert set(
        SearchTerm.objects.filter(phrase__in=["gubbed", "flumped", "zorbled", "nothingness"]).values_list(
            "phrase", flat=True
        )
    ) == {"gubbed", "flumped"}
    gubbed = SearchTerm.objects.get(phrase="gubbed")
    assert list(gubbed.topics.values_list("slug", flat=True)) == ["bereavement"]
    assert gubbed.words == "widowed; lost a partner"  # the first row, not the repeat
    assert SearchTerm.objects.get(phrase="flumped").offers_emotional
    assert "line 3: unknown topic 'no_such_topic'" in err
    assert "line 4: the phrase is empty" in err
    assert "line 5: 'gubbed' is already on line 2" in err
    assert "line 7: 'nothingness' maps to nothing" in err
    assert len(err.strip().splitlines()) == 4
    assert "2 entries loaded" in out and "4 rows not loaded" in out


@pytest.mark.django_db
def test_a_loaded_entry_is_used_by_the_next_search(tmp_path):
    ServiceFactory(name="Widowed Friends", summary="For people who have lost a partner.")
    assert search_services(QueryDict("q=gubbed")).services == []
    load(write(tmp_path, HEADER + "gubbed,,,,lost a partner,\n"))
    assert [service.name for service in search_services(QueryDict("q=gubbed")).services] == [
        "Widowed Friends"
    ]


@pytest.mark.django_db
def test_a_wrong_header_a_missing_file_and_a_file_that_is_not_text_stop_with_a_message(tmp_path):
    with pytest.raises(CommandError, match="the header must be phrase,topics,audiences,elements,words,note"):
        load(write(tmp_path, "term,meaning\nwidow,grief\n"))
    with pytest.raises(CommandError, match="There is no file at"):
        load(tmp_path / "missing.csv")
    binary = tmp_path / "vocabulary.csv"
    binary.write_bytes(b"\xff\xfe\x00phrase")
    with pytest.raises(CommandError, match="is not UTF-8 text"):
        load(binary)


@pytest.mark.django_db
def test_by_default_it_loads_the_projects_file_again():
    SearchTerm.objects.all().delete()
    out, err = StringIO(), StringIO()
    call_command("load_search_vocabulary", stdout=out, stderr=err)
    out, err = out.getvalue(), err.getvalue()
    assert err == ""
    rows = len(thesaurus.read_rows())
    assert SearchTerm.objects.count() == rows > 300
    assert f"{rows:,} entries loaded" in out
