"""Exercises of notebook 03 (the multi-vector partnerships), computed from the data."""

import pandas as pd

from utils.data import load
from utils.exercises import FRACTION_NOT_PERCENT, Exercise, Mistake, looks_like

PARTNERS = ["RUS", "CHN", "USA", "TUR", "KGZ", "TJK", "TKM", "UZB"]
THEMES = ["diplomatic", "security", "economic", "energy"]
EU_LABEL = "European Union"


def partner_milestones() -> pd.DataFrame:
    """Treaty-like milestones (THEMES) with a focus partner, plus the EU rows ('eu-' ids)."""
    milestones = load("milestones")
    names = load("countries").set_index("iso3")["name"]
    is_partner = milestones["iso3"].isin(PARTNERS).fillna(False)
    is_eu = milestones["milestone_id"].str.startswith("eu-").fillna(False)
    in_theme = milestones["category"].isin(THEMES)
    focus = milestones[(is_partner | is_eu) & in_theme].copy()
    focus["partner"] = focus["iso3"].map(names).fillna(EU_LABEL)
    return focus


def milestones_per_partner() -> pd.Series:
    """Number of milestones per partner in the focus table."""
    return partner_milestones()["partner"].value_counts()


def exports(edition) -> pd.Series:
    """Export shares (percent) of one edition, indexed by partner ISO code."""
    trade = load("trade")
    rows = trade[(trade["edition"] == edition) & (trade["flow"] == "export")]
    return rows.set_index("partner_iso3")["share_pct"]


def first_and_latest_exports():
    trade = load("trade")
    return exports(trade["edition"].min()), exports(trade["edition"].max())


def biggest_fall() -> str:
    """Among partners in both the first and the latest export list, the largest fall in share."""
    first, latest = first_and_latest_exports()
    both = first.index.intersection(latest.index)
    change = latest[both] - first[both]
    return str(change.idxmin())


def biggest_fall_if_missing_is_zero() -> str:
    first, latest = first_and_latest_exports()
    change = latest.reindex(first.index.union(latest.index), fill_value=0) - \
        first.reindex(first.index.union(latest.index), fill_value=0)
    return str(change.idxmin())


def latest_shares(flow) -> pd.Series:
    trade = load("trade")
    rows = trade[(trade["edition"] == trade["edition"].max()) & (trade["flow"] == flow)]
    return rows.set_index("partner_iso3")["share_pct"].sort_values(ascending=False)


def top3_imports() -> float:
    """Sum of the three largest import shares in the latest edition."""
    return float(latest_shares("import").head(3).sum())


def herfindahl_exports() -> float:
    """Sum of the squared export shares (in percent) over the listed partners, latest edition."""
    return float((latest_shares("export") ** 2).sum())


def per_data_year() -> pd.DataFrame:
    """Trade rows of the latest edition for each data year."""
    trade = load("trade")
    newest = trade.groupby("data_year")["edition"].transform("max")
    return trade[trade["edition"] == newest]


def china_over_russia_years() -> set:
    """Data years in which China's import share is larger than Russia's."""
    rows = per_data_year()
    imports = rows[rows["flow"] == "import"].pivot_table(
        index="data_year", columns="partner_iso3", values="share_pct")
    return {int(year) for year in imports.index[imports["CHN"] > imports["RUS"]]}


def china_over_russia_editions() -> set:
    trade = load("trade")
    imports = trade[trade["flow"] == "import"].pivot_table(
        index="edition", columns="partner_iso3", values="share_pct")
    return {int(edition.year) for edition in imports.index[imports["CHN"] > imports["RUS"]]}


EXERCISES = [
    Exercise(
        id="03.1",
        question="The number of milestones per partner in the focus table (a Series indexed by "
                 "partner name).",
        kind="series",
        reference=milestones_per_partner,
        index=True,
        ordered=False,
        hints=[
            "Each row of focus is one milestone; the partner column names the partner.",
            'focus["partner"].value_counts() counts the rows per partner.',
        ],
    ),
    Exercise(
        id="03.2",
        question="Among partners in both the first and the latest export list, the one whose "
                 "export share fell most.",
        kind="text",
        country=True,
        reference=biggest_fall,
        hints=[
            "Make two Series of export shares indexed by partner_iso3: one for the first "
            "edition (trade['edition'].min()), one for the latest (.max()).",
            "first.index.intersection(latest.index) gives the partners listed in both.",
            "Subtract first from latest for those partners; .idxmin() gives the largest fall.",
        ],
        mistakes=[Mistake(say="That partner is not in the latest list at all. A partner "
                              "missing from a top-partners list is below its cut-off, not at "
                              "zero: compare only partners listed in both editions.",
                          when=lambda answer: answer == biggest_fall_if_missing_is_zero())],
    ),
    Exercise(
        id="03.3",
        question="The combined import share of the three largest import partners in the "
                 "latest edition.",
        kind="number",
        reference=top3_imports,
        abs_tol=0.05,
        unit="%",
        hints=[
            "Keep the rows of the latest edition whose flow is import.",
            'Sort share_pct from largest to smallest and take .head(3).',
            "Add the three shares.",
        ],
        mistakes=[
            FRACTION_NOT_PERCENT,
            Mistake(say="That adds every listed import partner; the question asks for the "
                        "three largest only.",
                    wrong=lambda reference: float(latest_shares("import").sum())),
            Mistake(say="That is the top three of exports; the question asks about imports.",
                    wrong=lambda reference: float(latest_shares("export").head(3).sum())),
        ],
    ),
    Exercise(
        id="03.4",
        question="The Herfindahl index of the listed export partners in the latest edition "
                 "(sum of the squared shares in percent).",
        kind="number",
        reference=herfindahl_exports,
        abs_tol=0.5,
        hints=[
            "Take the export shares of the latest edition, in percent as the table gives them.",
            "Square each share (** 2) and add the squares (.sum()).",
            "With shares in percent the index runs from 0 to 10,000 (one partner with 100 %).",
        ],
        mistakes=[
            looks_like(1e-4, "That looks like the index computed with shares as fractions "
                             "(0 to 1); the question asks for shares in percent."),
            Mistake(say="That is the index for imports; the question asks about exports.",
                    wrong=lambda reference: float((latest_shares("import") ** 2).sum())),
        ],
    ),
    Exercise(
        id="03.5",
        question="The data years in which China's share of Kazakhstan's imports was larger "
                 "than Russia's.",
        kind="set",
        items="year",
        reference=china_over_russia_years,
        hints=[
            "Use per_year (one edition per data year) and keep the import rows.",
            'Pivot: index="data_year", columns="partner_iso3", values="share_pct".',
            'Compare the CHN column with the RUS column and keep the data years where it is '
            'larger.',
        ],
        mistakes=[Mistake(say="Those are the years of the Factbook editions. The question asks "
                              "for the data years the shares describe (column data_year).",
                          wrong=lambda reference: china_over_russia_editions())],
    ),
]
