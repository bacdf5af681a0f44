"""Exercises of notebook 08 (reading a foreign-policy text), computed from the data, with their
worked solutions.

Exercise 08.1 is the one exception: it sorts the notebook's own restatements of a text's claims,
so its reference is the collection's reading of those statements (FACT_STATEMENTS), not data.
"""

import pandas as pd

from utils.data import load
from utils.exercises import FRACTION_NOT_PERCENT, Exercise, Mistake, Solution

# The notebook's statements (ids 1a ... 9a) that can be checked against records. The others
# are stated goals (6a) or self-descriptions (1c, 2a, 3b, 8a, 8b).
FACT_STATEMENTS = {"1a", "1b", "3a", "4a", "4b", "5a", "7a", "7b", "9a"}
GOAL_STATEMENTS = {"6a"}

# The bodies the text says Kazakhstan joined, as org_id in memberships.csv.
TEXT_BODIES = ["CIS", "EAEU", "CAEU", "SCO"]


def verifiable_statements() -> set:
    """The statement ids of the notebook's claims table that are verifiable facts."""
    return set(FACT_STATEMENTS)


def preferred_borders() -> pd.DataFrame:
    borders = load("borders")
    return borders[borders["preferred"].fillna(False)]


def russia_border_share() -> float:
    """The border with Russia as a percentage of all land borders (preferred figures)."""
    preferred = preferred_borders().set_index("neighbour_iso3")["length_km"]
    return float(100 * preferred["RUS"] / preferred.sum())


def russia_border_share_of_all_rows() -> float:
    """The mistake of dividing by every row of the borders table (all sources)."""
    borders = load("borders")
    return float(
        100
        * preferred_borders().set_index("neighbour_iso3")["length_km"]["RUS"]
        / borders["length_km"].sum()
    )


def joining_order() -> list:
    """The text's four bodies, ordered by the date Kazakhstan joined them."""
    memberships = load("memberships")
    named = memberships[memberships["org_id"].isin(TEXT_BODIES)]
    return named.sort_values("joined")["org_id"].astype(str).tolist()


def latest_edition_imports() -> pd.DataFrame:
    trade = load("trade")
    return trade[(trade["edition"] == trade["edition"].max()) & (trade["flow"] == "import")]


def russia_china_import_share() -> float:
    """Combined import share of Russia and China in the latest Factbook edition (percent)."""
    imports = latest_edition_imports()
    return float(imports[imports["partner_iso3"].isin(["RUS", "CHN"])]["share_pct"].sum())


def all_listed_import_share() -> float:
    return float(latest_edition_imports()["share_pct"].sum())


def milestone_date(milestone_id: str) -> pd.Timestamp:
    milestones = load("milestones").set_index("milestone_id")
    return milestones.loc[milestone_id, "date"]


def president_start(person: str) -> pd.Timestamp:
    leaders = load("leaders").set_index("person")
    return leaders.loc[person, "start"]


def capital_name_on(day: pd.Timestamp) -> str:
    """The capital's name in force on a day (start <= day < end; an empty end = still in use)."""
    capitals = load("capitals")
    started = capitals["start"].isna() | (capitals["start"] <= day)
    not_ended = capitals["end"].isna() | (capitals["end"] > day)
    return str(capitals[started & not_ended]["name"].iloc[0])


def capital_when_tokayev_began() -> str:
    """The capital's name on the day Tokayev became president."""
    return capital_name_on(president_start("Kassym-Jomart Tokayev"))


def writing_window() -> list:
    """Earliest and latest dates a text making claims 5, 6, 7 and 9 could have been written.

    Earliest: the last of the things it reports as done (joining the four bodies, the OSCE
    chairmanship, the OIC ministerial session). Latest: the first of the things it does not
    know yet (the Security Council election it still calls a goal, the end of Nazarbayev's
    presidency).
    """
    memberships = load("memberships")
    joined = memberships[memberships["org_id"].isin(TEXT_BODIES)]["joined"]
    done = list(joined) + [milestone_date("osce-chair-2010"), milestone_date("oic-cfm-astana-2011")]
    leaders = load("leaders").set_index("person")
    not_yet = [milestone_date("unsc-election-2016"), leaders.loc["Nursultan Nazarbayev", "end"]]
    return [max(done).date(), min(not_yet).date()]


def window_with_treaty_signature() -> list:
    """The mistake of counting the EAEU from the signature of its treaty."""
    signed = load("memberships").set_index("org_id").loc["EAEU", "signed"]
    return [signed.date(), writing_window()[1]]


def window_with_term_start() -> list:
    """The mistake of ending the window when the Security Council term began."""
    return [writing_window()[0], milestone_date("unsc-term-2017").date()]


def index_rows() -> pd.DataFrame:
    """The rows of the assessments table that are index values with a scale."""
    assessments = load("assessments")
    return assessments[(assessments["assessor_kind"] == "index") & assessments["value"].notna()]


def index_shares(from_zero: bool = False) -> pd.Series:
    """Each index value as a percentage of its own scale (0 = lowest, 100 = highest).

    ``from_zero`` reproduces the mistake of dividing by the top of the scale as if every scale
    started at 0.
    """
    rows = index_rows().set_index("assessment_id")
    low = 0 if from_zero else rows["scale_min"]
    return 100 * (rows["value"] - low) / (rows["scale_max"] - low)


def largest_index_gap() -> float:
    """The largest gap, in percentage points of their scales, between two index values."""
    shares = index_shares()
    return float(shares.max() - shares.min())


def largest_gap_from_zero() -> float:
    shares = index_shares(from_zero=True)
    return float(shares.max() - shares.min())


def largest_raw_gap() -> float:
    values = index_rows()["value"]
    return float(values.max() - values.min())


def first_time_members() -> pd.DataFrame:
    lists = load("published_lists")
    return lists[lists["list_id"] == "unsc-first-time"]


def soviet_members_before_kazakhstan() -> list:
    """Former Soviet republics on the first-time list elected before Kazakhstan."""
    members = first_time_members()
    kazakhstan = members.set_index("iso3").loc["KAZ", "year"]
    earlier = members[members["former_soviet"] & (members["year"] < kazakhstan)]
    return sorted(earlier["iso3"].astype(str))


def soviet_members_other_than_kazakhstan() -> list:
    members = first_time_members()
    others = members[members["former_soviet"] & (members["iso3"] != "KAZ")]
    return sorted(others["iso3"].astype(str))


EXERCISES = [
    Exercise(
        id="08.1",
        question="The statements of the claims table that are verifiable facts (ids such as '1a').",
        kind="set",
        items="text",
        reference=verifiable_statements,
        hints=[
            "Ask of each statement: could a record (a date, a figure, a membership list) show "
            "it to be true or false? If yes, it is a verifiable fact, even when it is vague.",
            "A statement of what a state wants is a goal; a statement of what it is like, why "
            "it acts or how important something was is a self-description. Leave both out.",
            "Nine of the fifteen statements are verifiable facts.",
        ],
        mistakes=[
            Mistake(
                say="6a is a goal: it says what Kazakhstan wanted. Records can show whether "
                "it later got the seat, not that the seat was a priority.",
                when=lambda answer: "6a" in answer,
            ),
            Mistake(
                say="2a, 3b, 8a and 8b judge Kazakhstan's own conduct (good, impartial, "
                "important, democratic): no table can confirm them as they stand.",
                when=lambda answer: bool({"2a", "3b", "8a", "8b"} & set(answer)),
            ),
        ],
        solution=Solution(
            code='answer_08_1 = {"1a", "1b", "3a", "4a", "4b", "5a", "7a", "7b", "9a"}\n',
            why="Each of these could be shown true or false by a record: an area and its rank, "
            "a border length, a membership date, a milestone, the dates of a presidency. "
            "6a states a goal. 1c, 2a, 3b, 8a and 8b describe motives, qualities or the "
            "importance of a choice: the speaker judges itself, and no record settles that. "
            "Where to draw the line is sometimes arguable (2a contains checkable parts); "
            "what matters is the reason you give.",
        ),
    ),
    Exercise(
        id="08.2",
        question="The border with Russia as a percentage of all Kazakhstan's land borders, "
        "using the preferred figures.",
        kind="number",
        reference=russia_border_share,
        abs_tol=0.1,
        unit="%",
        hints=[
            "Keep only the preferred rows of the borders table: one figure per neighbour.",
            "Divide Russia's length (neighbour_iso3 RUS) by the sum of the preferred lengths.",
            "Multiply by 100 for a percentage.",
        ],
        mistakes=[
            FRACTION_NOT_PERCENT,
            Mistake(
                say="That divides by every row of the borders table, which counts each "
                "border once per source. Keep only the preferred rows.",
                wrong=lambda reference: russia_border_share_of_all_rows(),
            ),
        ],
        solution=Solution(
            code='lengths = preferred.set_index("neighbour_iso3")["length_km"]\n'
            'answer_08_2 = 100 * lengths["RUS"] / lengths.sum()\n',
            why="The preferred rows hold one figure per neighbour, so their sum is the total "
            "land boundary. Russia's border is more than half of it: 'very long' becomes "
            "a number, with a source attached.",
        ),
    ),
    Exercise(
        id="08.3",
        question="The four bodies the text names (CIS, EAEU, CAEU, SCO), in the order "
        "Kazakhstan joined them.",
        kind="sequence",
        items="text",
        reference=joining_order,
        hints=[
            'Filter the memberships table to org_id in ["CIS", "EAEU", "CAEU", "SCO"] with '
            ".isin(...).",
            'Sort those rows by the joined column: .sort_values("joined").',
            'Answer with the org_id column as a list: ["...", "...", "...", "..."].',
        ],
        mistakes=[
            Mistake(
                say="EurAsEC is a different, earlier body: the text names the EAEU.",
                when=lambda answer: "eurasec" in answer,
            )
        ],
        solution=Solution(
            code='answer_08_3 = text_bodies.sort_values("joined")["org_id"].tolist()\n',
            why="text_bodies already holds the four rows; sorting them by the joined date gives "
            "the order. The list spans more than two decades: the text's single sentence "
            "hides that these memberships came at very different times, and that the "
            "Central Asian association no longer exists under that name.",
        ),
    ),
    Exercise(
        id="08.4",
        question="The combined share of Russia and China in Kazakhstan's imports, in the "
        "latest Factbook edition in the trade table (percent).",
        kind="number",
        reference=russia_china_import_share,
        abs_tol=0.05,
        unit="%",
        hints=[
            'Keep the rows of the latest edition (trade["edition"].max()) whose flow is "import".',
            "Of those, keep the partners RUS and CHN and add up share_pct.",
        ],
        mistakes=[
            FRACTION_NOT_PERCENT,
            Mistake(
                say="That adds up every listed import partner; the question asks for "
                "Russia and China only.",
                wrong=lambda reference: all_listed_import_share(),
            ),
        ],
        solution=Solution(
            code='two = latest_imports[latest_imports["partner_iso3"].isin(["RUS", "CHN"])]\n'
            'answer_08_4 = two["share_pct"].sum()\n',
            why="Russia and China together supply about half of the imports in the latest "
            "edition; the United States is listed with a small share. Relations with all "
            "partners can be good while trade is concentrated on two: the data tests one "
            "implication of the word multi-vector, not the policy as a whole.",
        ),
    ),
    Exercise(
        id="08.5",
        question="The name of Kazakhstan's capital on the day Tokayev became president.",
        kind="text",
        reference=capital_when_tokayev_began,
        hints=[
            "The leaders table gives the day Kassym-Jomart Tokayev's presidency started.",
            "In the capitals table, a name was in use from start up to (not including) end. "
            "Find the row whose period contains that day.",
            "Compare dates with <= and >: capitals[(capitals['start'] <= day) & "
            "(capitals['end'] > day)].",
        ],
        mistakes=[
            Mistake(
                say="Nur-Sultan came a few days later: compare the renaming date "
                "with the day Tokayev took office.",
                when=lambda answer: answer == "nur sultan",
            )
        ],
        solution=Solution(
            code='day = leaders.set_index("person").loc["Kassym-Jomart Tokayev", "start"]\n'
            'in_use = (capitals["start"] <= day) & (capitals["end"] > day)\n'
            'answer_08_5 = capitals[in_use]["name"].iloc[0]\n',
            why="A name was in use from its start up to its end. On the day Tokayev became "
            "president the capital was still called Astana; it was renamed Nur-Sultan a "
            "few days later, and became Astana again in 2022. A text from 2020 that says "
            "Nur-Sultan was right then and is dated now.",
        ),
    ),
    Exercise(
        id="08.6",
        question="The earliest and latest dates on which a text making claims 5, 6, 7 and 9 "
        "could have been written, as a list of two dates.",
        kind="sequence",
        items="date",
        reference=writing_window,
        hints=[
            "Earliest: the latest date among the things the text reports as done (joining the "
            "four bodies of exercise 08.3, the OSCE chairmanship, the OIC ministerial session).",
            "Latest: the earliest date among the things the text does not know yet (the "
            "Security Council election, since it still calls the seat a goal; the end of "
            "Nazarbayev's presidency).",
            "Use max() of the first group and min() of the second: "
            "answer_08_6 = [earliest, latest].",
        ],
        mistakes=[
            Mistake(
                say="Signing the EAEU treaty is not joining the Union: membership began "
                "when the treaty came into force (memberships: joined).",
                wrong=lambda reference: window_with_treaty_signature(),
            ),
            Mistake(
                say="By the start of the term the seat was no longer a goal: Kazakhstan "
                "had been elected months before. Use the election date.",
                wrong=lambda reference: window_with_term_start(),
            ),
        ],
        solution=Solution(
            code='done = list(text_bodies["joined"]) + list(chairs["date"])\n'
            'not_yet = [milestones.loc["unsc-election-2016", "date"],\n'
            '           leaders.set_index("person").loc["Nursultan Nazarbayev", "end"]]\n'
            "answer_08_6 = [max(done), min(not_yet)]\n",
            why="The text cannot be older than the last thing it reports as done, the start of "
            "the EAEU (membership from the treaty's entry into force, not its signature). "
            "It cannot be newer than the first thing it does not know, the Security Council "
            "election. So it was written in about eighteen months, from the start of 2015 "
            "to mid-2016, under the assumptions stated in the exercise.",
        ),
    ),
    Exercise(
        id="08.7",
        question="The largest gap between two index values of the assessments table, each "
        "rescaled to a percentage of its own scale (0 = bottom, 100 = top), in percentage points.",
        kind="number",
        reference=largest_index_gap,
        abs_tol=0.1,
        unit="percentage points",
        hints=[
            'Keep the rows whose assessor_kind is "index" and whose value is not empty.',
            "Rescale each value: 100 * (value - scale_min) / (scale_max - scale_min). Not every "
            "scale starts at 0.",
            "The answer is the largest rescaled value minus the smallest.",
        ],
        mistakes=[
            Mistake(
                say="That compares the raw values, which sit on different scales (0-100, 1-7, "
                "0-10, 0-1). Rescale each to a percentage of its own scale first.",
                wrong=lambda reference: largest_raw_gap(),
            ),
            Mistake(
                say="One scale does not start at 0: Nations in Transit runs from 1 to 7. "
                "Subtract scale_min before dividing by the width of the scale.",
                wrong=lambda reference: largest_gap_from_zero(),
            ),
        ],
        solution=Solution(
            code='rows = indices[indices["value"].notna()]\n'
            'share = 100 * (rows["value"] - rows["scale_min"]) / '
            '(rows["scale_max"] - rows["scale_min"])\n'
            "answer_08_7 = share.max() - share.min()\n",
            why="Rescaled, every index puts Kazakhstan in the bottom third of its scale, and the three "
            "that publish a category call it Not Free, a Consolidated Authoritarian Regime or an "
            "authoritarian regime. They still differ by more than twenty points, because they "
            "measure different things in different ways: Nations in Transit averages ratings of "
            "several categories, Freedom in the World adds up points for rights and liberties, "
            "the EIU scores 60 indicators in five categories, and V-Dem's electoral index rates "
            "how far power is won in free and fair elections. A rescaled number is not a common "
            "unit: compare each index's verdict and method, not only its figure.",
        ),
    ),
    Exercise(
        id="08.8",
        question="The former Soviet republics on the list of first-time Security Council members "
        "that were elected before Kazakhstan.",
        kind="set",
        items="country",
        reference=soviet_members_before_kazakhstan,
        hints=[
            'Keep the rows of published_lists whose list_id is "unsc-first-time".',
            "Find the year Kazakhstan was elected, then keep the former Soviet republics "
            "(former_soviet is True) elected in an earlier year.",
            'Answer with a set of names or ISO codes, such as {"...", "..."}.',
        ],
        mistakes=[
            Mistake(
                say="Estonia was elected in 2019, after Kazakhstan (2016). Keep only the years "
                "before Kazakhstan's.",
                when=lambda answer: "EST" in answer,
            ),
            Mistake(
                say="Kazakhstan itself is not elected before Kazakhstan: keep the years strictly "
                "before its own.",
                when=lambda answer: "KAZ" in answer,
            ),
        ],
        solution=Solution(
            code='members = lists[lists["list_id"] == "unsc-first-time"]\n'
            'kaz_year = members.set_index("iso3").loc["KAZ", "year"]\n'
            'earlier = members[members["former_soviet"] & (members["year"] < kaz_year)]\n'
            'answer_08_8 = set(earlier["iso3"])\n',
            why="Two former Soviet republics reached the Council for the first time before "
            "Kazakhstan, so a claim that Kazakhstan was the first post-Soviet member would be "
            "false; no other Central Asian state is on the list, so 'the first Central Asian "
            "member' holds, as far as a list of first-time members since 2000 can show. The list "
            "says nothing about states that had served before 2000: a check is only as good as "
            "the list it uses.",
        ),
    ),
]
