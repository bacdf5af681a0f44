"""Worked solutions for notebook 08 (plain data; the teacher edition puts the code in place)."""

SOLUTIONS = {
    "08.1": {
        "code": 'answer_08_1 = {"1a", "1b", "3a", "4a", "4b", "5a", "7a", "7b", "9a"}\n',
        "why": "Each of these could be shown true or false by a record: an area and its rank, "
               "a border length, a membership date, a milestone, the dates of a presidency. "
               "6a states a goal. 1c, 2a, 3b, 8a and 8b describe motives, qualities or the "
               "importance of a choice: the speaker judges itself, and no record settles that. "
               "Where to draw the line is sometimes arguable (2a contains checkable parts); "
               "what matters is the reason you give.",
    },
    "08.2": {
        "code": 'lengths = preferred.set_index("neighbour_iso3")["length_km"]\n'
                'answer_08_2 = 100 * lengths["RUS"] / lengths.sum()\n',
        "why": "The preferred rows hold one figure per neighbour, so their sum is the total "
               "land boundary. Russia's border is more than half of it: 'very long' becomes "
               "a number, with a source attached.",
    },
    "08.3": {
        "code": 'answer_08_3 = text_bodies.sort_values("joined")["org_id"].tolist()\n',
        "why": "text_bodies already holds the four rows; sorting them by the joined date gives "
               "the order. The list spans more than two decades: the text's single sentence "
               "hides that these memberships came at very different times, and that the "
               "Central Asian association no longer exists under that name.",
    },
    "08.4": {
        "code": 'two = latest_imports[latest_imports["partner_iso3"].isin(["RUS", "CHN"])]\n'
                'answer_08_4 = two["share_pct"].sum()\n',
        "why": "Russia and China together supply about half of the imports in the latest "
               "edition; the United States is listed with a small share. Relations with all "
               "partners can be good while trade is concentrated on two: the data tests one "
               "implication of the word multi-vector, not the policy as a whole.",
    },
    "08.5": {
        "code": 'day = leaders.set_index("person").loc["Kassym-Jomart Tokayev", "start"]\n'
                'in_use = (capitals["start"] <= day) & (capitals["end"] > day)\n'
                'answer_08_5 = capitals[in_use]["name"].iloc[0]\n',
        "why": "A name was in use from its start up to its end. On the day Tokayev became "
               "president the capital was still called Astana; it was renamed Nur-Sultan a "
               "few days later, and became Astana again in 2022. A text from 2020 that says "
               "Nur-Sultan was right then and is dated now.",
    },
    "08.6": {
        "code": 'done = list(text_bodies["joined"]) + list(chairs["date"])\n'
                'not_yet = [milestones.loc["unsc-election-2016", "date"],\n'
                '           leaders.set_index("person").loc["Nursultan Nazarbayev", "end"]]\n'
                'answer_08_6 = [max(done), min(not_yet)]\n',
        "why": "The text cannot be older than the last thing it reports as done, the start of "
               "the EAEU (membership from the treaty's entry into force, not its signature). "
               "It cannot be newer than the first thing it does not know, the Security Council "
               "election. So it was written in about eighteen months, from the start of 2015 "
               "to mid-2016, under the assumptions stated in the exercise.",
    },
}
