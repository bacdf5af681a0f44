"""Exercises of notebook 03 (the multi-vector partnerships), computed from the data, with their
worked solutions."""

import pandas as pd

from utils.data import load
from utils.exercises import FRACTION_NOT_PERCENT, Exercise, Mistake, Solution, looks_like

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
    change = latest.reindex(first.index.union(latest.index), fill_value=0) - first.reindex(
        first.index.union(latest.index), fill_value=0
    )
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
        index="data_year", columns="partner_iso3", values="share_pct"
    )
    return {int(year) for year in imports.index[imports["CHN"] > imports["RUS"]]}


def china_over_russia_editions() -> set:
    trade = load("trade")
    imports = trade[trade["flow"] == "import"].pivot_table(
        index="edition", columns="partner_iso3", values="share_pct"
    )
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
        solution=Solution(
            code='answer_03_1 = focus["partner"].value_counts()\n',
            why="Each row of focus is one milestone and its partner column names the partner, "
            "so counting the rows per value of that column gives the milestones per "
            "partner. A count says what the data holds, not how much a relationship "
            "weighs: the table records events that sources describe, and some partners "
            "have been studied more than others.",
        ),
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
        mistakes=[
            Mistake(
                say="That partner is not in the latest list at all. A partner "
                "missing from a top-partners list is below its cut-off, not at "
                "zero: compare only partners listed in both editions.",
                when=lambda answer: answer == biggest_fall_if_missing_is_zero(),
            )
        ],
        solution=Solution(
            code='first_exports = trade[(trade["edition"] == trade["edition"].min()) & (trade["flow"] == "export")]\n'
            'latest_exports = trade[(trade["edition"] == trade["edition"].max()) & (trade["flow"] == "export")]\n'
            'first_share = first_exports.set_index("partner_iso3")["share_pct"]\n'
            'latest_share = latest_exports.set_index("partner_iso3")["share_pct"]\n'
            "both = first_share.index.intersection(latest_share.index)\n"
            "answer_03_2 = (latest_share[both] - first_share[both]).idxmin()\n",
            why="A top-partners list only shows the partners above its cut-off. A partner that "
            "drops out of the list has not fallen to zero; we simply do not know its "
            "share. So the fair comparison uses only the partners listed in both editions; "
            "the intersection of the two indexes gives them, and idxmin() finds the "
            "largest fall.",
        ),
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
            "Sort share_pct from largest to smallest and take .head(3).",
            "Add the three shares.",
        ],
        mistakes=[
            FRACTION_NOT_PERCENT,
            Mistake(
                say="That adds every listed import partner; the question asks for the "
                "three largest only.",
                wrong=lambda reference: float(latest_shares("import").sum()),
            ),
            Mistake(
                say="That is the top three of exports; the question asks about imports.",
                wrong=lambda reference: float(latest_shares("export").head(3).sum()),
            ),
        ],
        solution=Solution(
            code='latest_imports = trade[(trade["edition"] == trade["edition"].max()) & (trade["flow"] == "import")]\n'
            'answer_03_3 = latest_imports["share_pct"].sort_values(ascending=False).head(3).sum()\n',
            why="Sorting the shares from largest to smallest and keeping the first three gives "
            "the three largest partners; their sum is the top-3 share. Note the tie for "
            "third place: it does not change the sum, because both tied partners have the "
            "same share.",
        ),
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
            looks_like(
                1e-4,
                "That looks like the index computed with shares as fractions "
                "(0 to 1); the question asks for shares in percent.",
            ),
            Mistake(
                say="That is the index for imports; the question asks about exports.",
                wrong=lambda reference: float((latest_shares("import") ** 2).sum()),
            ),
        ],
        solution=Solution(
            code='latest_exports = trade[(trade["edition"] == trade["edition"].max()) & (trade["flow"] == "export")]\n'
            'answer_03_4 = (latest_exports["share_pct"] ** 2).sum()\n',
            why="The Herfindahl index adds the squared shares, so large partners weigh much more "
            "than small ones: one partner with all the trade gives 10,000, many equal small "
            "partners give a number near 0. Here it covers only the listed partners, so "
            "it is a lower bound of the index over all partners (the unlisted ones would "
            "add their own small squares). Compare it with the first edition's index above "
            "with care: the two lists name different numbers of partners and cover "
            "different totals, so a similar or different index may say as much about the "
            "length of the list as about trade.",
        ),
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
            "Compare the CHN column with the RUS column and keep the data years where it is "
            "larger.",
        ],
        mistakes=[
            Mistake(
                say="Those are the years of the Factbook editions. The question asks "
                "for the data years the shares describe (column data_year).",
                wrong=lambda reference: china_over_russia_editions(),
            )
        ],
        solution=Solution(
            code='per_year_imports = per_year[per_year["flow"] == "import"]\n'
            'table = per_year_imports.pivot_table(index="data_year", columns="partner_iso3", values="share_pct")\n'
            'answer_03_5 = set(table.index[table["CHN"] > table["RUS"]])\n',
            why="Pivoting puts each data year on a row and each partner in a column, so the two "
            "columns can be compared year by year. The comparison gives True or False per "
            "year, and indexing the row labels with it keeps the years where China's share "
            "is larger. The years are data years, not edition dates: each Factbook edition "
            "describes trade one or more years earlier.",
        ),
    ),
]


# ------------------------------------------------------------------ several dimensions

#: The five partners compared dimension by dimension. The EU has no ISO code and no vote in the
#: UN General Assembly: its ties are recorded under "EU", its votes are Germany's (a named member
#: state standing in for the Union, as the table says).
VECTORS = {
    "RUS": "Russia",
    "CHN": "China",
    "USA": "United States",
    "EU": "European Union",
    "TUR": "Turkey",
}
EU_MEMBERS_IN_TRADE = ["DEU", "FRA", "ITA", "NLD", "GRC", "ROU"]
EU_VOTER = "DEU"
CAST = ["yes", "no", "abstain"]


def agreement_share(partner: str, since: int | None = None) -> float:
    """Percent of the resolutions (adopted in `since` or later, if given) on which Kazakhstan and
    the partner both cast a vote (yes, no or abstain) where they cast the same vote; NaN if they
    share no such resolution."""
    votes = load("unga_votes")
    if since is not None:
        dates = load("unga_resolutions").set_index("resolution")["date"]
        votes = votes[votes["resolution"].map(dates).dt.year >= since]
    voter = EU_VOTER if partner == "EU" else partner
    wide = votes[votes["vote"].isin(CAST)].pivot(index="resolution", columns="iso3", values="vote")
    if voter not in wide or "KAZ" not in wide:
        return float("nan")
    both = wide[["KAZ", voter]].dropna()
    if both.empty:
        return float("nan")
    return float((both["KAZ"] == both[voter]).mean() * 100)


def agreement_over_all_rows(since: int) -> float:
    """The wrong base: same votes with Russia over every resolution of the period in the table."""
    votes = load("unga_votes")
    dates = load("unga_resolutions").set_index("resolution")["date"]
    votes = votes[votes["resolution"].map(dates).dt.year >= since]
    wide = votes.pivot(index="resolution", columns="iso3", values="vote")
    return float((wide["KAZ"] == wide["RUS"]).sum() / len(wide) * 100)


def latest_trade_share(partner: str, flow: str) -> float:
    """Share of the latest edition for one partner; for the EU the listed member states added up
    (a lower bound: members below the list's cut-off are missing). NaN when not listed."""
    latest = latest_shares(flow)
    codes = EU_MEMBERS_IN_TRADE if partner == "EU" else [partner]
    listed = latest[latest.index.isin(codes)]
    return float(listed.sum()) if len(listed) else float("nan")


def dimensions() -> pd.DataFrame:
    """One row per partner, one column per dimension, each from its own table."""
    ties = load("partner_ties")
    summits = load("summit_partners")
    members = load("organization_members")
    ours = set(
        members[(members["iso3"] == "KAZ") & (members["status"] != "former member")]["org_id"]
    )
    rows = []
    for code, name in VECTORS.items():
        mine = ties[ties["partner"] == code]
        current = members[members["status"] != "former member"]
        shared = current[(current["iso3"] == code) & current["org_id"].isin(ours)]
        rows.append(
            {
                "partner": name,
                "export share (%)": latest_trade_share(code, "export"),
                "import share (%)": latest_trade_share(code, "import"),
                "shared organisations": len(shared),
                "treaty alliance": "yes" if (mine["kind"] == "treaty alliance").any() else "no",
                "recorded ties": len(mine),
                "UNGA agreement (%)": agreement_share(code),
                "summits 2022-2025": int((summits["partner"] == code).sum()),
            }
        )
    return pd.DataFrame(rows).set_index("partner")


def mirror_value(reporter: str, flow: str = "turnover", period: str = "2022") -> float:
    mirror = load("trade_mirror")
    row = mirror[
        (mirror["reported_by"] == reporter)
        & (mirror["flow"] == flow)
        & (mirror["period"] == period)
    ]
    return float(row["value_usd_bn"].iloc[0])


def mirror_gap_pct() -> float:
    """How much larger China's 2022 figure for the trade is than Kazakhstan's, in percent of
    Kazakhstan's figure."""
    return (mirror_value("CHN") / mirror_value("KAZ") - 1) * 100


EXERCISES += [
    Exercise(
        id="03.6",
        question="By how many percent does China's figure for its 2022 trade with Kazakhstan "
        "exceed Kazakhstan's own figure for the same trade (in percent of Kazakhstan's figure)?",
        kind="number",
        reference=mirror_gap_pct,
        abs_tol=0.5,
        unit="%",
        hints=[
            'In mirror, keep the two rows with flow "turnover" and period "2022".',
            "One has reported_by CHN, the other KAZ: read value_usd_bn of each.",
            "Divide China's figure by Kazakhstan's, subtract 1 and multiply by 100.",
        ],
        mistakes=[
            FRACTION_NOT_PERCENT,
            Mistake(
                say="That is the gap in billions of dollars; the question asks for a "
                "percentage of Kazakhstan's figure.",
                wrong=lambda reference: mirror_value("CHN") - mirror_value("KAZ"),
            ),
            Mistake(
                say="That measures the gap against China's figure; the question asks for it in "
                "percent of Kazakhstan's figure (divide by Kazakhstan's value).",
                wrong=lambda reference: (1 - mirror_value("KAZ") / mirror_value("CHN")) * 100,
            ),
        ],
        solution=Solution(
            code='turnover = mirror[(mirror["flow"] == "turnover") & (mirror["period"] == "2022")]\n'
            'value = turnover.set_index("reported_by")["value_usd_bn"]\n'
            'answer_03_6 = (value["CHN"] / value["KAZ"] - 1) * 100\n',
            why="Both figures describe the same goods crossing the same border in the same "
            "year, yet China's customs count almost a third more than Kazakhstan's statistics. "
            "Common reasons for such mirror gaps are valuation (an importer counts insurance "
            "and freight, an exporter does not), timing, goods in transit, goods recorded "
            "under another partner, and under-declared imports. Neither figure is simply "
            "'right': say whose statistics a trade number is before comparing it with another.",
        ),
    ),
    Exercise(
        id="03.7",
        question="Counting only the resolutions adopted from 2022 on (after the full-scale "
        "invasion), the percentage of the resolutions on which Kazakhstan and Russia both cast a "
        "vote (yes, no or abstain) where they cast the same vote.",
        kind="number",
        reference=lambda: agreement_share("RUS", since=2022),
        abs_tol=0.5,
        unit="%",
        hints=[
            'Keep the rows of votes whose vote is "yes", "no" or "abstain" ("not voting" is '
            "not a position to agree with), and only the resolutions whose date in the "
            "resolutions table is in 2022 or later.",
            'Pivot: index="resolution", columns="iso3", values="vote"; keep the KAZ and RUS '
            "columns and drop the rows where either is missing (.dropna()).",
            "Compare the two columns (==) and take the mean of the result, times 100.",
        ],
        mistakes=[
            FRACTION_NOT_PERCENT,
            Mistake(
                say="That counts every year, 2014 included. Keep only the resolutions adopted "
                "from 2022 on (their date is in the resolutions table).",
                wrong=lambda reference: agreement_share("RUS"),
            ),
            Mistake(
                say="That divides by every resolution of the period. Count only the resolutions "
                "on which both states have a recorded vote: a missing row is not a disagreement.",
                wrong=lambda reference: agreement_over_all_rows(2022),
            ),
            Mistake(
                say="That is the agreement with China; the question asks about Russia.",
                wrong=lambda reference: agreement_share("CHN", since=2022),
            ),
        ],
        solution=Solution(
            code='dates = resolutions["date"]  # resolutions is indexed by resolution\n'
            'recent = votes[votes["resolution"].map(dates).dt.year >= 2022]\n'
            'cast = recent[recent["vote"].isin(["yes", "no", "abstain"])]\n'
            'table = cast.pivot(index="resolution", columns="iso3", values="vote")\n'
            'both = table[["KAZ", "RUS"]].dropna()\n'
            'answer_03_7 = (both["KAZ"] == both["RUS"]).mean() * 100\n',
            why="An agreement share needs a fair base: the resolutions on which both states "
            "took a position. Dropping the rows with a missing vote keeps that base, and the "
            "mean of a True/False column is the share of True. The result describes only these "
            "resolutions, all of them about Ukraine: Kazakhstan's abstentions put it next to "
            "China, not next to Russia, which voted no. A different set of resolutions "
            "(development, disarmament, the Middle East) could give a very different number.",
        ),
    ),
]
