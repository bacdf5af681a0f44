"""Worked solutions for notebook 01 (plain data; the teacher edition puts the code in place)."""

SOLUTIONS = {
    "01.1": {
        "code": 'ranked = countries.sort_values("area_km2", ascending=False).reset_index(drop=True)\n'
                'answer_01_1 = ranked.index[ranked["iso3"] == "KAZ"][0] + 1\n',
        "why": "Sorting by area puts the largest entry first; after reset_index the row "
               "positions run 0, 1, 2, ... so the rank is the position plus one. Note that the "
               "table lists Antarctica, which is not a country: leave it out and the rank "
               "changes, one reason why published ranks differ.",
    },
    "01.2": {
        "code": 'facts = load("facts").set_index("fact_id")\n'
                'west = facts.loc["kz_europe_area_km2_ural", "value"]\n'
                'total = facts.loc["kz_area_total_km2", "value"]\n'
                'answer_01_2 = 100 * west / total\n',
        "why": "The share is the part over the whole, times 100 for a percentage. The result "
               "depends on where you draw the line between Europe and Asia; the facts table "
               "holds other conventions with other results.",
    },
    "01.3": {
        "code": 'answer_01_3 = borders[borders["preferred"]]["length_km"].sum()\n',
        "why": "The table has one row per neighbour and source. Keeping the preferred rows "
               "leaves one figure per neighbour, and their sum is the total land boundary "
               "according to the preferred source.",
    },
    "01.4": {
        "code": 'spread = borders.groupby("neighbour_iso3")["length_km"].agg(lambda s: s.max() - s.min())\n'
                'preferred = borders[borders["preferred"]].set_index("neighbour_iso3")["length_km"]\n'
                'answer_01_4 = (spread / preferred).idxmax()\n',
        "why": "A 100 km difference matters more on a short border than on a long one, so the "
               "spread is divided by the border's length. Both Series are indexed by "
               "neighbour, so pandas lines them up before dividing; idxmax() returns the index "
               "label of the largest ratio.",
    },
    "01.5": {
        "code": 'neighbours = set(borders["neighbour_iso3"])\n'
                'caspian = set(caspian_states["iso3"])\n'
                'answer_01_5 = neighbours & caspian\n',
        "why": "The intersection of two sets holds what is in both. Kazakhstan itself is in "
               "the Caspian set but not in the neighbours set, so it drops out.",
    },
    "01.6": {
        "code": 'capitals = countries.set_index("iso3")\n'
                'kaz, chn = capitals.loc["KAZ"], capitals.loc["CHN"]\n'
                'answer_01_6 = great_circle_km(kaz["capital_lat"], kaz["capital_lon"],\n'
                '                              chn["capital_lat"], chn["capital_lon"])\n',
        "why": "The great-circle distance is the shortest path over the surface of a sphere. "
               "It needs only the two capitals' coordinates, which the countries table "
               "holds.",
    },
}
