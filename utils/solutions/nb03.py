"""Worked solutions for notebook 03 (plain data; the teacher edition puts the code in place)."""

SOLUTIONS = {
    "03.1": {
        "code": 'answer_03_1 = focus["partner"].value_counts()\n',
        "why": "Each row of focus is one milestone and its partner column names the partner, "
               "so counting the rows per value of that column gives the milestones per "
               "partner. A count says what the data holds, not how much a relationship "
               "weighs: the table records events that sources describe, and some partners "
               "have been studied more than others.",
    },
    "03.2": {
        "code": 'first_exports = trade[(trade["edition"] == trade["edition"].min()) & (trade["flow"] == "export")]\n'
                'latest_exports = trade[(trade["edition"] == trade["edition"].max()) & (trade["flow"] == "export")]\n'
                'first_share = first_exports.set_index("partner_iso3")["share_pct"]\n'
                'latest_share = latest_exports.set_index("partner_iso3")["share_pct"]\n'
                'both = first_share.index.intersection(latest_share.index)\n'
                'answer_03_2 = (latest_share[both] - first_share[both]).idxmin()\n',
        "why": "A top-partners list only shows the partners above its cut-off. A partner that "
               "drops out of the list has not fallen to zero; we simply do not know its "
               "share. So the fair comparison uses only the partners listed in both editions; "
               "the intersection of the two indexes gives them, and idxmin() finds the "
               "largest fall.",
    },
    "03.3": {
        "code": 'latest_imports = trade[(trade["edition"] == trade["edition"].max()) & (trade["flow"] == "import")]\n'
                'answer_03_3 = latest_imports["share_pct"].sort_values(ascending=False).head(3).sum()\n',
        "why": "Sorting the shares from largest to smallest and keeping the first three gives "
               "the three largest partners; their sum is the top-3 share. Note the tie for "
               "third place: it does not change the sum, because both tied partners have the "
               "same share.",
    },
    "03.4": {
        "code": 'latest_exports = trade[(trade["edition"] == trade["edition"].max()) & (trade["flow"] == "export")]\n'
                'answer_03_4 = (latest_exports["share_pct"] ** 2).sum()\n',
        "why": "The Herfindahl index adds the squared shares, so large partners weigh much more "
               "than small ones: one partner with all the trade gives 10,000, many equal small "
               "partners give a number near 0. Here it covers only the listed partners, so "
               "it is a lower bound of the index over all partners (the unlisted ones would "
               "add their own small squares). Compare it with the first edition's index above "
               "with care: the two lists name different numbers of partners and cover "
               "different totals, so a similar or different index may say as much about the "
               "length of the list as about trade.",
    },
    "03.5": {
        "code": 'per_year_imports = per_year[per_year["flow"] == "import"]\n'
                'table = per_year_imports.pivot_table(index="data_year", columns="partner_iso3", values="share_pct")\n'
                'answer_03_5 = set(table.index[table["CHN"] > table["RUS"]])\n',
        "why": "Pivoting puts each data year on a row and each partner in a column, so the two "
               "columns can be compared year by year. The comparison gives True or False per "
               "year, and indexing the row labels with it keeps the years where China's share "
               "is larger. The years are data years, not edition dates: each Factbook edition "
               "describes trade one or more years earlier.",
    },
}
