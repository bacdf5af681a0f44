"""Worked solutions for notebook 07 (plain data; the teacher edition puts the code in place)."""

SOLUTIONS = {
    "07.1": {
        "code": 'answer_07_1 = set(stops["iso3"])\n',
        "why": "Each waypoint row carries the country of its place, and a set keeps each "
               "country once. Uzbekistan is not in the answer although the gas pipeline "
               "crosses it: no source we read names a point there, so the data has no "
               "waypoint in it. A waypoint list shows where a route stops, not every country "
               "it crosses.",
    },
    "07.2": {
        "code": 'with_russia = set(stops.loc[stops["iso3"] == "RUS", "route_id"])\n'
                'answer_07_2 = set(stops["route_id"]) - with_russia\n',
        "why": "The set difference keeps every route that is not among those with a waypoint "
               "in Russia. This is a test on waypoints only: the gas pipeline shows that a "
               "route can cross a country where the data has no stop, so the result says "
               "'no waypoint in Russia', and a map of the real routes is needed to say more.",
    },
    "07.3": {
        "code": 'speech_date = corridor.loc[corridor["milestone_id"] == "belt-and-road-speech-2013", "date"].iloc[0]\n'
                'answer_07_3 = set(corridor.loc[corridor["date"] > speech_date, "milestone_id"])\n',
        "why": "Comparing dates with > keeps the milestones strictly after the speech, so the "
               "speech itself is left out. All of them concern the rail-and-ferry route west "
               "from Khorgos; the Khorgos rail link and the pipelines came earlier. Being "
               "later does not show that the speech caused them.",
    },
    "07.4": {
        "code": 'answer_07_4 = legs[legs["route_id"] == "trans-caspian-kuryk"]["km"].sum()\n',
        "why": "A route's length along its waypoints is the sum of its legs. The straight "
               "line from Khorgos to Baku is shorter, because the route bends at Kuryk; the "
               "real rail line and ferry crossing are longer still.",
    },
    "07.5": {
        "code": 'answer_07_5 = legs.groupby("route_id")["km"].sum().sort_values(ascending=False)\n',
        "why": "groupby collects the legs of each route and sum() adds them up, giving one "
               "length per route indexed by route_id; sort_values(ascending=False) puts the "
               "longest first. Routes with fewer waypoints are drawn straighter, so their "
               "lengths are underestimated more.",
    },
}
