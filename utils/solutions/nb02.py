"""Worked solutions for notebook 02 (plain data; the teacher edition puts the code in place)."""

SOLUTIONS = {
    "02.1": {
        "code": 'events = milestones.set_index("milestone_id")["date"]\n'
                'gap = events["independence-1991"] - events["sovereignty-declaration-1990"]\n'
                'answer_02_1 = gap.days\n',
        "why": "Subtracting one date from another gives a Timedelta, the time between them; its "
               ".days attribute is that time in whole days. Subtract the earlier date from the "
               "later one, or the result is negative.",
    },
    "02.2": {
        "code": 'dated = relations.dropna(subset=["recognised"])\n'
                'answer_02_2 = dated.sort_values("recognised").iloc[0]["iso3"]\n',
        "why": "Only a few rows have a recognition date; dropping the others and sorting by "
               "date puts the earliest first. This is the earliest date in our table, not a "
               "settled answer to 'who was first': the notes record that other sources claim "
               "the same for other states.",
    },
    "02.3": {
        "code": 'years = relations["relations_established"].dt.year\n'
                'answer_02_3 = (years == 1992).sum()\n',
        "why": ".dt.year takes the year of each date (a missing date gives a missing year, "
               "which is never equal to 1992). Comparing gives True/False per row, and the sum "
               "of a True/False column counts the True values.",
    },
    "02.4": {
        "code": 'both = relations.dropna(subset=["recognised", "relations_established"])\n'
                'wait = (both["relations_established"] - both["recognised"]).dt.days\n'
                'wait.index = both["iso3"]\n'
                'answer_02_4 = wait.idxmax()\n',
        "why": "Only rows with both dates can give a wait. Subtracting the columns gives one "
               "Timedelta per row and .dt.days turns them into numbers. With the ISO codes as "
               "the index, idxmax() returns the code of the largest wait.",
    },
    "02.5": {
        "code": 'un_joined = memberships.set_index("org_id").loc["UN", "joined"]\n'
                'answer_02_5 = (relations["relations_established"] < un_joined).sum()\n',
        "why": "The UN admission date comes from the memberships table. Comparing a date column "
               "with one date gives True/False per row (False for missing dates), and the sum "
               "counts the True values. '<' leaves out relations established on the day of "
               "admission itself.",
    },
    "02.6": {
        "code": 'day = milestones.set_index("milestone_id").loc["tokayev-inauguration-2019", "date"]\n'
                'started = capitals["start"].isna() | (capitals["start"] <= day)\n'
                'not_ended = capitals["end"].isna() | (day < capitals["end"])\n'
                'answer_02_6 = capitals[started & not_ended].iloc[0]["name"]\n',
        "why": "Each row of the capitals table is a period, from start up to end. A missing "
               "start or end means the period is open on that side, so isna() lets those rows "
               "through. Exactly one period contains the day; its name is the one in use then, "
               "while city_today gives the city's name now.",
    },
}
