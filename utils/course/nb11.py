"""Exercises of notebook 11 (a changed neighbourhood, 2022 to today), computed from the data,
with their worked solutions."""

from utils.data import load
from utils.exercises import Exercise, Mistake, Solution

CENTRAL_ASIA = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def event_date(event_id):
    return load("events_since_2022").set_index("event_id").loc[event_id, "date"]


def deployment_days(start="jan2022-csto-arrival") -> int:
    """Days from the first CSTO units' arrival to the completed withdrawal."""
    return int((event_date("jan2022-withdrawal-complete") - event_date(start)).days)


def votes_wide():
    """One row per resolution, one column per state: the recorded vote (empty = not found)."""
    votes = load("unga_votes")
    wide = votes.pivot(index="resolution", columns="iso3", values="vote")
    order = load("unga_resolutions").sort_values("date")["resolution"]
    return wide.loc[[r for r in order if r in wide.index]]


def kazakhstan_against() -> list:
    votes = load("unga_votes")
    against = votes[(votes["iso3"] == "KAZ") & (votes["vote"] == "no")]
    return sorted(against["resolution"])


def never_voted() -> str:
    """The Central Asian state recorded as not voting on every resolution it appears on."""
    votes = load("unga_votes")
    central = votes[votes["iso3"].isin(CENTRAL_ASIA)]
    always = central.groupby("iso3")["vote"].apply(lambda v: (v == "not voting").all())
    return str(always[always].index[0])


def days_statement_to_vote() -> int:
    """Days from the non-recognition statement in St Petersburg to the vote on ES-11/4."""
    vote = load("unga_resolutions").set_index("resolution").loc["ES-11/4", "date"]
    return int((vote - event_date("spief-nonrecognition-2022")).days)


def figure(figure_id) -> float:
    return float(load("figures_since_2022").set_index("figure_id").loc[figure_id, "value"])


def corridor_factor() -> float:
    return figure("tcr-end") / figure("tcr-start")


def turnout_gap() -> float:
    return round(figure("ref2022-turnout-close") - figure("ref2022-turnout-count"), 2)


EXERCISES = [
    Exercise(
        id="11.1",
        question="Days from the first CSTO units' arrival to the completed withdrawal.",
        kind="number",
        reference=deployment_days,
        unit="days",
        hints=[
            'The rows are "jan2022-csto-arrival" and "jan2022-withdrawal-complete" in the '
            "event_id column of events.",
            "Subtracting two dates gives a Timedelta; .days turns it into a whole number.",
            "Start at the arrival, not at the request or the decision.",
        ],
        mistakes=[
            Mistake(
                say="That counts from the request for help (5 January), or counts both the "
                "first and the last day. The question asks for the days from the arrival "
                "(6 January) to the completed withdrawal.",
                wrong=lambda reference: reference + 1,
            )
        ],
        solution=Solution(
            code='dates = events.set_index("event_id")["date"]\n'
            'answer_11_1 = (dates["jan2022-withdrawal-complete"] - '
            'dates["jan2022-csto-arrival"]).days\n',
            why="Both dates are known to the day and agree across sources, so the difference is "
            "exact: under two weeks from the first arrivals to the last departures. The day of "
            "the CSTO's decision (5 or 6 January) is disputed, which is one reason to count from "
            "an event the sources agree on.",
        ),
    ),
    Exercise(
        id="11.2",
        question="The resolution(s) on which Kazakhstan's recorded vote is 'no'.",
        kind="set",
        reference=kazakhstan_against,
        hints=[
            'Filter votes to the rows where iso3 is "KAZ" and vote is "no".',
            'Take the resolution column of what is left: list(rows["resolution"]).',
            "Then read the title of that resolution in resolutions: what is it about?",
        ],
        mistakes=[
            Mistake(
                say="Kazakhstan abstained on the 2014 resolution on Crimea; it did not vote "
                "against it. Look for the rows whose vote is 'no'.",
                when=lambda answer: "68/262" in {str(a).upper() for a in answer},
            )
        ],
        solution=Solution(
            code='kaz = votes[votes["iso3"] == "KAZ"]\n'
            'answer_11_2 = list(kaz[kaz["vote"] == "no"]["resolution"])\n',
            why="On every text about Ukraine's territory or the war Kazakhstan abstained; the "
            "one 'no' is on suspending Russia from the Human Rights Council, a question about an "
            "institution's membership, which Kazakhstan's representative said would not help "
            "settle the conflict. A voting record is read resolution by resolution, by subject.",
        ),
    ),
    Exercise(
        id="11.3",
        question=(
            "The Central Asian state recorded as not voting on every resolution for which "
            "the data has its vote."
        ),
        kind="text",
        country=True,
        reference=never_voted,
        hints=[
            "The table wide (made above) has one column per state; read the five Central Asian "
            "columns.",
            "A state qualifies if every recorded cell in its column says 'not voting'.",
            "Then look at the evidence column of its rows: how many rest on one source?",
        ],
        mistakes=[
            Mistake(
                say="Uzbekistan did not vote on ES-11/1, but it abstained on the 2014 text and "
                "on later ones. The question asks for a state that never voted.",
                when=lambda answer: answer == "UZB",
            )
        ],
        solution=Solution(
            code='central = votes[votes["iso3"].isin(["KAZ", "KGZ", "TJK", "TKM", "UZB"])]\n'
            'always = central.groupby("iso3")["vote"].apply(lambda v: (v == "not voting").all())\n'
            "answer_11_3 = always[always].index[0]\n",
            why="Turkmenistan is recorded as not voting on every text, in line with its stated "
            "neutrality. Most of its rows rest on a single news or NGO list, and the UN's own "
            "record was not read: a fact to check before it is taught as final.",
        ),
    ),
    Exercise(
        id="11.4",
        question="Days from the St Petersburg non-recognition statement to the vote on ES-11/4.",
        kind="number",
        reference=days_statement_to_vote,
        unit="days",
        hints=[
            'The statement is the event "spief-nonrecognition-2022"; the vote is the row '
            '"ES-11/4" of resolutions.',
            "Take the two dates from the two tables and subtract the earlier from the later.",
            ".days gives whole days.",
        ],
        mistakes=[
            Mistake(
                say="That is in months; the question asks for days.",
                wrong=lambda reference: round(reference / 30.4),
            )
        ],
        solution=Solution(
            code='said = events.set_index("event_id").loc["spief-nonrecognition-2022", "date"]\n'
            'voted = resolutions.set_index("resolution").loc["ES-11/4", "date"]\n'
            "answer_11_4 = (voted - said).days\n",
            why="The claim 'Kazakhstan refused to recognise the Donbas entities months before the "
            "UN vote on annexations' is right: the statement came about four months earlier. "
            "Dating a claim means finding both dates in sourced rows, not only the order.",
        ),
    ),
    Exercise(
        id="11.5",
        question="By what factor did Middle Corridor cargo grow, in the transport minister's "
        "'from 0.8 to 4.1 million tonnes'?",
        kind="number",
        reference=corridor_factor,
        rel_tol=0.01,
        hints=[
            'The rows are "tcr-start" and "tcr-end" in the figure_id column of figures.',
            "A factor is the later value divided by the earlier one.",
            "A percentage increase would be 100 * (factor - 1); the question asks for the factor.",
        ],
        mistakes=[
            Mistake(
                say="That is the increase in per cent. The question asks for the factor (how "
                "many times larger).",
                wrong=lambda reference: 100 * (reference - 1),
            ),
            Mistake(
                say="That divides the smaller figure by the larger one.",
                wrong=lambda reference: 1 / reference,
            ),
        ],
        solution=Solution(
            code='values = figures.set_index("figure_id")["value"]\n'
            'answer_11_5 = values["tcr-end"] / values["tcr-start"]\n',
            why="About five times, the minister's 'fivefold'. The figure is an official's, the "
            "first year is not named, and 4.1 million tonnes is also the figure for January to "
            "November 2024 alone: a change is only as good as the two numbers and the periods "
            "behind it.",
        ),
    ),
    Exercise(
        id="11.6",
        question="Difference in percentage points between the two turnout figures of the 2022 "
        "referendum.",
        kind="number",
        reference=turnout_gap,
        abs_tol=0.005,
        unit="percentage points",
        hints=[
            'The rows are "ref2022-turnout-close" and "ref2022-turnout-count" in the figure_id '
            "column of figures.",
            "Percentage points: subtract one percentage from the other.",
            "Read the said_by column: which moment does each figure describe?",
        ],
        mistakes=[
            Mistake(
                say="That is a relative difference (in per cent of the smaller figure). The "
                "question asks for percentage points: subtract the two percentages.",
                wrong=lambda reference: 100 * reference / figure("ref2022-turnout-count"),
            )
        ],
        solution=Solution(
            code='values = figures.set_index("figure_id")["value"]\n'
            'answer_11_6 = values["ref2022-turnout-close"] - values["ref2022-turnout-count"]\n',
            why="Both figures come from the same commission at two moments: at the close of "
            "polls and in the count. The gap is small but real; a careful text says which "
            "figure it uses and when it was given, instead of picking one silently.",
        ),
    ),
]
