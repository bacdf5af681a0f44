"""Worked solutions for notebook 00 (plain data; the teacher edition puts the code in place)."""

SOLUTIONS = {
    "00.1": {
        "code": 'borders = load("borders")\n'
                'answer_00_1 = borders["neighbour_iso3"].nunique()\n',
        "why": "Each row of the borders table is one neighbour according to one source, so a "
               "neighbour named by several sources appears on several rows. nunique() counts "
               "each neighbour code once; len(borders) would count rows, not neighbours.",
    },
}
