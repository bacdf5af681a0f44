"""Worked solutions for notebook 05 (plain data; the teacher edition puts the code in place)."""

SOLUTIONS = {
    "05.1": {
        "code": 'per_year = institutional["date"].dt.year.value_counts()\n'
                'answer_05_1 = per_year.idxmax()\n',
        "why": "value_counts() counts the milestones of each year; idxmax() returns the label "
               "(the year) of the largest count, not the count itself. In that year the OSCE "
               "chairmanship, its two meetings, the Customs Union and the Security Council "
               "candidacy come together.",
    },
    "05.2": {
        "code": 'dates = osce.set_index("milestone_id")["date"]\n'
                'answer_05_2 = dates["osce-chair-2010"].year - dates["csce-admission-1992"].year\n',
        "why": "The chairmanship began years after Kazakhstan joined the CSCE, and a few years "
               "after the decision that it would chair. Taking the decision's row instead "
               "would answer a different question.",
    },
    "05.3": {
        "code": 'dates = unsc.set_index("milestone_id")["date"]\n'
                'start, end = dates["unsc-candidacy-2010"], dates["unsc-election-2016"]\n'
                'answer_05_3 = (end.year - start.year) * 12 + (end.month - start.month)\n',
        "why": "The candidacy is known only to the month, so the day stored for it (the first) "
               "is a convention. Counting whole months uses only what the sources give: 12 "
               "months per year of difference plus the difference of the months.",
    },
    "05.4": {
        "code": 'in_kazakhstan = (located["place_iso3"] == "KAZ").sum()\n'
                'answer_05_4 = 100 * in_kazakhstan / len(located)\n',
        "why": "located holds only the milestones with a known place, so it is the right "
               "whole. Dividing by every institutional milestone would count the ones without "
               "a place as if they had happened abroad.",
    },
    "05.5": {
        "code": 'change = per_decade[2010] - per_decade[1990]\n'
                'answer_05_5 = change.idxmax()\n',
        "why": "Subtracting two columns of the crosstab gives the change of each category; "
               "idxmax() returns the category with the largest increase. The table counts what "
               "the collection recorded, so the change says at least as much about the "
               "collection's themes as about Kazakhstan.",
    },
    "05.6": {
        "code": 'longest = ordered["gap_days"].idxmax()\n'
                'answer_05_6 = ordered.loc[longest, "milestone_id"]\n',
        "why": "gap_days is the time since the milestone before, so the row with the largest "
               "gap is the milestone that ends it. Its date is known only to the month, so the "
               "length of the gap in days is approximate, within about a month.",
    },
}
