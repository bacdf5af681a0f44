"""Worked solutions for notebook 09 (plain data; the teacher edition puts the code in place)."""

SOLUTIONS = {
    "09.1": {
        "code": 'turkey = country_profile("Turkey")\n'
                'answer_09_1 = turkey.relations["relations_established"].iloc[0]\n',
        "why": "The relations section is the row of diplomatic_relations for Turkey. It holds "
               "two dates: Turkey recognised Kazakhstan first, and the two states established "
               "diplomatic relations some weeks later. Recognition says a state exists; "
               "relations mean the two governments deal with each other officially.",
    },
    "09.2": {
        "code": 'turkey_orgs = set(members[members["iso3"] == "TUR"]["org_id"])\n'
                'answer_09_2 = kazakhstan_orgs & turkey_orgs\n',
        "why": "The intersection keeps the organisations listed for both states. No status "
               "filter: Turkey is a dialogue partner of the SCO, and that counts here. NATO "
               "drops out because Kazakhstan is a partner of NATO, never a member, and is not "
               "in its member list.",
    },
    "09.3": {
        "code": 'answer_09_3 = trade[trade["partner_iso3"] == "TUR"]["edition"].nunique()\n',
        "why": "An edition may list Turkey twice, for exports and for imports, so count "
               "distinct editions rather than rows. Turkey appears only in the latest editions; "
               "in earlier ones it was not among the few partners the Factbook lists.",
    },
    "09.4": {
        "code": 'capitals = load("countries").set_index("iso3")\n'
                'kaz, tur = capitals.loc["KAZ"], capitals.loc["TUR"]\n'
                'answer_09_4 = great_circle_km(kaz["capital_lat"], kaz["capital_lon"],\n'
                '                              tur["capital_lat"], tur["capital_lon"])\n',
        "why": "The distance needs only the two capitals' coordinates; the profile's distance "
               "section gives the same figure rounded to 0.1 km.",
    },
    "09.5": {
        "code": 'answer_09_5 = comparison.set_index("iso3")["shared_organisations"].idxmax()\n',
        "why": "idxmax gives the index label (here the ISO3 code) of the largest value. Russia "
               "shares the most organisations with Kazakhstan among these partners, many of "
               "them post-Soviet bodies; China, the largest trade partner in that edition, "
               "shares few. Closeness by institutions and by trade are different measures.",
    },
    "09.6": {
        "code": 'complete = []\n'
                'for iso3 in load("countries")["iso3"]:\n'
                '    profile = country_profile(iso3)\n'
                '    sections = [profile.relations, profile.memberships, profile.trade,\n'
                '                profile.distance, profile.milestones]\n'
                '    if all(len(section) > 0 for section in sections):\n'
                '        complete.append(iso3)\n'
                'answer_09_6 = set(complete)\n',
        "why": "A loop builds every profile and keeps those with no empty section. Only a "
               "handful pass, mostly because few countries are both among the top trade "
               "partners and the main partner of a recorded milestone: the result describes "
               "what the collection recorded as much as the countries themselves.",
    },
}
