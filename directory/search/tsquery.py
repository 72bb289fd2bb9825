"""PostgreSQL only: a parsed search (parsing.parse_terms) as tsquery SQL.

plan.Plan builds a TextQuery from the groups, with how common each is (words.group_share), and
postgres.fetch_postgres uses it to match, rank (ts_rank) and, when widened, count the groups a
listing matches, tier by tier. The documents it matches are those migration 0006 indexes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import BooleanField, FloatField, IntegerField, Value
from django.db.models.expressions import RawSQL

# A widened search's tiers (TextQuery.coverage_tiers) each read at most about this share of the listings.
TIER_SHARE = 0.05

# The documents the relevance tiers match, exactly as migration 0006 indexes them.
NAME_DOCUMENT = 'to_tsvector(\'english\'::regconfig, "directory_service"."name")'
HEAD_DOCUMENT = 'to_tsvector(\'english\'::regconfig, "directory_service"."name" || \' \' || "directory_service"."summary")'
FULL_DOCUMENT = '"directory_service"."search_vector"'


def _any_of(alternatives) -> tuple[str, list[str]]:
    """One group of alternatives as tsquery SQL. Several words in one alternative are a phrase
    (quoted, or from the search vocabulary, such as "lost a partner"): quoted again,
    websearch_to_tsquery wants them together and in that order, as SQLite's substring match does."""
    sql = "(" + " || ".join(["websearch_to_tsquery('english'::regconfig, %s)"] * len(alternatives)) + ")"
    return sql, [f'"{words}"' if " " in words else words for words in alternatives]


@dataclass
class TextQuery:
    """A parsed search as PostgreSQL tsquery SQL: AND-ed groups of alternatives, minus excluded
    words. Each part knows whether its words are common (in a fair share of listings).

    Widened (`widened=True`, see search_services): a listing must match ANY of the groups, not
    all, and `covered()` counts how many it matches, which ranks it first."""

    parts: list[tuple[str, list[str], bool]]  # (tsquery SQL, its parameters, common)
    groups: list[tuple[str, list[str]]] = field(default_factory=list)  # each group's SQL, rarest first
    widened: bool = False
    shares: list[float] = field(default_factory=list)  # each group's share of the listings, rarest first

    @classmethod
    def build(
        cls,
        groups: list[tuple[str, ...]],
        excluded: list[str],
        common: list[bool] | None = None,
        widened: bool = False,
        shares: list[float] | None = None,
    ) -> TextQuery:
        common = common or [False] * len(groups)
        shares = shares or [0.0] * len(groups)
        order = sorted(range(len(groups)), key=lambda index: shares[index])
        each = [_any_of(groups[index]) for index in order]
        if widened and len(groups) > 1:
            sql = "(" + " || ".join(part_sql for part_sql, _ in each) + ")"
            parts = [(sql, [param for _, params in each for param in params], any(common))]
        else:
            parts = [
                (*_any_of(alternatives), is_common)
                for alternatives, is_common in zip(groups, common, strict=True)
            ]
        # An excluded word can only be ruled out row by row: count it as common.
        parts += [("(!! plainto_tsquery('english'::regconfig, %s))", [word], True) for word in excluded]
        return cls(parts, each, widened and len(groups) > 1, [shares[index] for index in order])

    @staticmethod
    def _joined(parts) -> tuple[str, list[str]]:
        return " && ".join(sql for sql, _, _ in parts), [param for _, params, _ in parts for param in params]

    @property
    def excludes(self) -> bool:
        return any(sql.startswith("(!!") for sql, _, _ in self.parts)

    @property
    def all_common(self) -> bool:
        return all(common for _, _, common in self.parts)

    def matches(self, document: str) -> RawSQL:
        sql, params = self._joined(self.parts)
        return _sql_condition(f"{document} @@ ({sql})", params)

    def matches_rare_then_common(self, queryset):
        """Filter by the rare words through the GIN index, and check the common ones on each row
        in a form no index serves: reading the index's list of every listing that says "support"
        costs more than checking the few hundred services the rare words leave."""
        rare = [part for part in self.parts if not part[2]]
        common = [part for part in self.parts if part[2]]
        if rare:
            sql, params = self._joined(rare)
            queryset = queryset.filter(_sql_condition(f"{FULL_DOCUMENT} @@ ({sql})", params))
        if common:
            sql, params = self._joined(common)
            queryset = queryset.filter(_sql_condition(f"coalesce({FULL_DOCUMENT} @@ ({sql}), false)", params))
        return queryset

    def rank(self) -> RawSQL:
        sql, params = self._joined(self.parts)
        return RawSQL(f"ts_rank({FULL_DOCUMENT}, ({sql}))", params, output_field=FloatField())

    def _covered_sql(self) -> tuple[str, list[str]]:
        sql = " + ".join(f"({FULL_DOCUMENT} @@ {group_sql})::int" for group_sql, _ in self.groups)
        return f"({sql})", [param for _, params in self.groups for param in params]

    def covered(self):
        """How many groups the listing matches: all of them, unless the search was widened."""
        if not self.widened:
            return Value(len(self.groups), output_field=IntegerField())
        sql, params = self._covered_sql()
        return RawSQL(sql, params, output_field=IntegerField())

    def coverage_tiers(self, base) -> list:
        """Widened: the services matching all groups but one, then fewer and fewer, down to any
        one, each tier unordered (the caller ranks; it has the services matching all of them from
        the search before widening). A listing that matches at least c of n groups matches
        one of any n - c + 1 of them, so the tier for c needs as its index condition only the
        rarest n - c + 1 groups. A tier whose groups together are in more than TIER_SHARE of
        the listings is left out (checking each of its rows would cost more than the search
        may); its rows come with the next tier, unordered, so only their order suffers."""
        without_words = [part for part in self.parts if part[0].startswith("(!!")]
        if without_words:
            sql, params = self._joined(without_words)
            base = base.filter(_sql_condition(f"{FULL_DOCUMENT} @@ ({sql})", params))
        covered_sql, covered_params = self._covered_sql()
        n = len(self.groups)
        tiers = []
        above = None  # the last tier's c: this tier takes the rows below it
        for c in range(n - 1, 0, -1):  # all n: the search before widening found those already
            rarest = self.groups[: n - c + 1]
            if c > 1 and sum(self.shares[: n - c + 1]) > TIER_SHARE:
                continue
            any_sql = " || ".join(group_sql for group_sql, _ in rarest)
            any_params = [param for _, params in rarest for param in params]
            tier = base.filter(_sql_condition(f"{FULL_DOCUMENT} @@ ({any_sql})", any_params))
            if c > 1:
                tier = tier.filter(_sql_condition(f"{covered_sql} >= %s", [*covered_params, c]))
            if above is not None:
                tier = tier.filter(_sql_condition(f"{covered_sql} < %s", [*covered_params, above]))
            tiers.append(tier)
            above = c
        return tiers


def _sql_condition(sql: str, params: list) -> RawSQL:
    return RawSQL(sql, params, output_field=BooleanField())
