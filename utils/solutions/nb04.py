"""Worked solutions for notebook 04 (plain data; the teacher edition puts the code in place)."""

SOLUTIONS = {
    "04.1": {
        "code": 'answer_04_1 = (organizations["founded_year"] < 1991).sum()\n',
        "why": "The comparison gives True for each organisation founded before 1991, and the "
               "sum of True/False values counts the True ones. The CIS was founded in 1991 "
               "itself, so it is not counted: < and <= give different answers here.",
    },
    "04.2": {
        "code": 'wto = memberships.set_index("org_id").loc["WTO"]\n'
                'answer_04_2 = (wto["in_force"] - wto["signed"]).days\n',
        "why": "The protocol was signed first, ratified by parliament later, and membership "
               "took effect on the in_force date. Subtracting the two dates gives a Timedelta "
               "and .days the number of days: more than four months lie between the signing "
               "and the day Kazakhstan became a member.",
    },
    "04.3": {
        "code": 'founders = memberships[memberships["status"] == "founding member"]\n'
                'answer_04_3 = set(founders["org_id"])\n',
        "why": "The status column keeps Kazakhstan's role apart from the dates. Founding "
               "member means it was there when the organisation was created; the other rows "
               "say member, participating State (the OSCE's own term) or partner (NATO).",
    },
    "04.4": {
        "code": 'answer_04_4 = (seats["distance_km"] < 3000).sum()\n',
        "why": "Each row of seats is one organisation, so summing the True values counts "
               "organisations. Two of them share Moscow, and CICA's seat is in Astana itself "
               "(0 km), so counting cities would give a smaller number.",
    },
    "04.5": {
        "code": 'in_all_three = members_of("CIS") & members_of("CSTO") & members_of("EAEU")\n'
                'answer_04_5 = in_all_three - {"KAZ"}\n',
        "why": "& keeps the states that are in both sets, so using it twice keeps those in all "
               "three. The - operator then removes Kazakhstan. members_of keeps only full "
               "members, so observers and former members do not count.",
    },
    "04.6": {
        "code": 'answer_04_6 = shared.groupby("iso3").size().idxmax()\n',
        "why": "shared has one row per organisation and state, so the size of each state's "
               "group is the number of organisations it shares with Kazakhstan. idxmax() "
               "returns the ISO code of the largest count. Remember that the count only "
               "covers the organisations in this table.",
    },
}
