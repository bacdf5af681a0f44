"""Worked solutions for notebook 06 (plain data; the teacher edition puts the code in place)."""

SOLUTIONS = {
    "06.1": {
        "code": 'tests = figures[figures["item"] == "nuclear tests at Semipalatinsk"]["value"]\n'
                'answer_06_1 = tests.max() - tests.min()\n',
        "why": "Only rows that count the same thing can be compared. The devices row counts "
               "something else (one test could set off several devices), so it is left out. "
               "The remaining counts differ by a few tests, partly because some sources give "
               "a lower bound ('at least').",
    },
    "06.2": {
        "code": 'gap = warheads["value"].max() - warheads["value"].min()\n'
                'answer_06_2 = 100 * gap / warheads["value"].min()\n',
        "why": "A relative difference needs a base; the question takes the smallest figure. "
               "A gap of over a quarter shows that 'how many warheads' depends on what a "
               "source counts and when, so a careful text gives the range and its sources.",
    },
    "06.3": {
        "code": 'dates = milestones.set_index("milestone_id")["date"]\n'
                'answer_06_3 = (dates["npt-accession-1994"] - dates["lisbon-protocol-1992"]).days\n',
        "why": "Subtracting two dates gives a Timedelta, and .days turns it into a number of "
               "days. The Lisbon Protocol (a commitment to join the NPT), the ratification "
               "and the accession are three different steps; the question asks for the last.",
    },
    "06.4": {
        "code": 'kg = sapphire["value"].where(sapphire["unit"] != "lb", sapphire["value"] * 0.45359237)\n'
                'answer_06_4 = kg.mean()\n',
        "why": "where() keeps a value where the condition holds and replaces it elsewhere, so "
               "only the pound row is converted. Without converting, that one row pulls the "
               "mean up by more than 100 kg. (The median would hide the error, since four of "
               "the six figures are 600: a reason to check units rather than trust a robust "
               "statistic.)",
    },
    "06.5": {
        "code": 'decade = nuclear["date"].dt.year // 10 * 10\n'
                'answer_06_5 = decade.value_counts().sort_index()\n',
        "why": "Integer division by 10 drops the last digit of the year, and multiplying by "
               "10 gives the decade's first year. value_counts() counts the milestones per "
               "decade and sort_index() orders the decades. Most steps fall in the 1990s (the "
               "weapons leave) and the 2010s (the fuel bank and the TPNW).",
    },
}
