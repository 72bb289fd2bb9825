"""The evaluation's metrics on small hand-made rankings, and its checks of the queries file."""

from pathlib import Path

import pytest

from tests.relevance.evaluate import (
    Figures,
    Outcome,
    Query,
    breakdown,
    figures,
    first_acceptable_rank,
    hit_at,
    load_queries,
    no_result_share,
    problems_in,
    reciprocal_rank,
)


def query(text="lonely", kind="lay", acceptable=("a",), postcode="", radius="", line=2):
    return Query(text, kind, postcode, radius, tuple(acceptable), line=line)


@pytest.mark.parametrize(
    ("ranking", "rank"),
    [(["a", "x", "y"], 1), (["x", "y", "b"], 3), (["x", "y", "z", "a"], 4), (["x", "y"], None), ([], None)],
)
def test_first_acceptable_rank(ranking, rank):
    assert first_acceptable_rank(ranking, {"a", "b"}) == rank


def test_hit_at_3_counts_the_first_three_only():
    assert hit_at(["a"], {"a"})
    assert hit_at(["x", "y", "a"], {"a"})
    assert not hit_at(["x", "y", "z", "a"], {"a"})
    assert not hit_at([], {"a"})
    assert hit_at(["x", "a"], {"a"}, depth=2)
    assert not hit_at(["x", "a"], {"a"}, depth=1)


def test_reciprocal_rank_of_the_first_acceptable_within_ten():
    assert reciprocal_rank(["a", "b"], {"a", "b"}) == 1.0
    assert reciprocal_rank(["x", "b", "a"], {"a", "b"}) == 0.5
    assert reciprocal_rank(["x", "y", "z", "a"], {"a"}) == 0.25
    ten_misses = [f"x{i}" for i in range(10)]
    assert reciprocal_rank([*ten_misses[:9], "a"], {"a"}) == pytest.approx(0.1)
    assert reciprocal_rank([*ten_misses, "a"], {"a"}) == 0.0  # 11th: beyond the depth
    assert reciprocal_rank([], {"a"}) == 0.0


def test_no_result_share():
    assert no_result_share([["a"], [], ["b", "c"], []]) == 0.5
    assert no_result_share([["a"]]) == 0.0
    assert no_result_share([]) == 0.0


def test_figures_over_outcomes():
    outcomes = [
        Outcome(query(acceptable=("a",)), ("a", "x")),  # hit, RR 1
        Outcome(query(acceptable=("b",)), ("x", "b")),  # hit, RR 1/2
        Outcome(query(acceptable=("c",)), ("x", "y", "z", "c")),  # miss at 3, RR 1/4
        Outcome(query(acceptable=("d",)), ()),  # no results
    ]
    values = figures(outcomes)
    assert values == Figures(
        queries=4, hit_at_3=0.5, mrr=pytest.approx((1 + 0.5 + 0.25) / 4), no_result_share=0.25
    )
    assert values.passes == {"hit@3": False, "no-result share": False}
    assert Figures(100, 0.9, 0.5, 0.02).passes == {"hit@3": True, "no-result share": True}
    assert figures([]) == Figures(0, 0.0, 0.0, 0.0)


def test_breakdown_by_kind_and_postcode():
    outcomes = [
        Outcome(query(kind="lay"), ("a",)),
        Outcome(query(kind="lay"), ("x",)),
        Outcome(query(kind="sentence", postcode="DD4 7AA"), ("a",)),
    ]
    rows = breakdown(outcomes)
    assert list(rows) == ["lay", "sentence", "with a postcode", "without a postcode"]
    assert rows["lay"].hit_at_3 == 0.5
    assert rows["sentence"].hit_at_3 == 1.0
    assert rows["with a postcode"].queries == 1
    assert rows["without a postcode"].queries == 2


def test_problems_in_finds_each_kind_of_mistake():
    rows = [
        query(text="lonely", line=2),
        query(text="  Lonely ", line=3),  # the same search as line 2
        query(text="grief", kind="gossip", line=4),
        query(text="food", acceptable=(), line=5),
        query(text="debt", acceptable=("a", "a"), line=6),
        query(text="walks", radius="3", postcode="DD4 7AA", line=7),
        query(text="sheds", radius="5", line=8),
        query(text="cafe", acceptable=("nobody",), line=9),
    ]
    problems = problems_in(rows, known_slugs={"a"})
    assert any("line 3" in p and "same search as line 2" in p for p in problems)
    assert any("line 4" in p and "gossip" in p for p in problems)
    assert any("line 5" in p and "no acceptable service" in p for p in problems)
    assert any("line 6" in p and "named twice" in p for p in problems)
    assert any("line 7" in p and "radius" in p for p in problems)
    assert any("line 8" in p and "needs a postcode" in p for p in problems)
    assert any("line 9" in p and "“nobody”" in p for p in problems)
    assert len(problems) == 7
    # Same words from another postcode are another search.
    assert problems_in([query(line=2), query(postcode="DD4 7AA", line=3)]) == []


def test_load_queries_reads_rows_and_rejects_a_wrong_header(tmp_path: Path):
    good = tmp_path / "good.csv"
    good.write_text(
        'query,kind,postcode,radius,acceptable,note\n"lonely, old",lay,DD4 7AA,5,a b,why\n', encoding="utf-8"
    )
    (row,) = load_queries(good)
    assert row == Query("lonely, old", "lay", "DD4 7AA", "5", ("a", "b"), "why", line=2)
    assert dict(row.params()) == {"q": ["lonely, old"], "postcode": ["DD4 7AA"], "radius": ["5"]}

    bad = tmp_path / "bad.csv"
    bad.write_text("text,kind\nlonely,lay\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        load_queries(bad)
