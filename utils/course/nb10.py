"""Exercises of notebook 10 (drawing the lines: borders and the Caspian Sea), computed from the
data, with their worked solutions."""

import pandas as pd

from utils.data import load
from utils.exercises import Exercise, Mistake, Solution

DAYS_PER_YEAR = 365.25
CANNOT_SETTLE = "Why the CIA changed its figures in the 2015 edition"


def independence() -> pd.Timestamp:
    milestones = load("milestones").set_index("milestone_id")
    return milestones.loc["independence-1991", "date"]


def delimitation_treaties() -> pd.DataFrame:
    treaties = load("border_treaties")
    return treaties[treaties["kind"] == "delimitation"]


def years_to_last_delimitation() -> float:
    """Years from independence to the signature of the last of the five delimitation treaties."""
    last = delimitation_treaties()["signed"].max()
    return (last - independence()).days / DAYS_PER_YEAR


def years_to_first_delimitation() -> float:
    first = delimitation_treaties()["signed"].min()
    return (first - independence()).days / DAYS_PER_YEAR


def days_to_last_delimitation() -> int:
    return (delimitation_treaties()["signed"].max() - independence()).days


def delimitation_to_demarcation() -> pd.Series:
    """Years from each delimitation treaty to the completion of demarcation, per neighbour."""
    treaties = load("border_treaties")
    start = delimitation_treaties().set_index("neighbour_iso3")["signed"]
    done = treaties.dropna(subset=["demarcation_completed"])
    end = done.groupby("neighbour_iso3", observed=True)["demarcation_completed"].max()
    return ((end - start).dt.days / DAYS_PER_YEAR).dropna()


def longest_to_demarcate() -> str:
    return str(delimitation_to_demarcation().idxmax())


def convention_rows() -> pd.DataFrame:
    caspian = load("caspian_agreements")
    return caspian[caspian["instrument_id"] == "caspian-convention-2018"]


def signatories() -> set:
    rows = convention_rows()
    signed = rows[rows["event"] == "signed"].iloc[0]
    return set(signed["parties"].split(";"))


def not_yet_ratified() -> set:
    """Signatories of the 2018 Convention with neither a ratification nor an approval."""
    rows = convention_rows()
    done = set(rows[rows["event"].isin(["ratified", "approved"])]["state_iso3"].astype(str))
    return signatories() - done


def not_ratified_strictly() -> set:
    rows = convention_rows()
    done = set(rows[rows["event"] == "ratified"]["state_iso3"].astype(str))
    return signatories() - done


def bilateral_parties(caspian: pd.DataFrame | None = None) -> set:
    """States party to at least one two-party Caspian agreement (a seabed or sea-border line)."""
    caspian = load("caspian_agreements") if caspian is None else caspian
    pairs = caspian.loc[caspian["event"] == "signed", "parties"].str.split(";")
    return set().union(*[set(p) for p in pairs if len(p) == 2])


def without_bilateral_line() -> set:
    """Signatories of the Convention with no two-party seabed or sea-border agreement in the data."""
    return signatories() - bilateral_parties()


def without_line_by_2003() -> set:
    caspian = load("caspian_agreements")
    early = caspian[caspian["date"] < pd.Timestamp("2004-01-01")]
    return signatories() - bilateral_parties(early)


def kazakh_totals() -> pd.Series:
    editions = load("border_editions")
    kaz = editions[editions["profile_iso3"] == "KAZ"]
    return kaz.groupby("edition")["profile_total_km"].first()


def total_growth_km() -> float:
    totals = kazakh_totals()
    return float(totals.iloc[-1] - totals.iloc[0])


def total_growth_pct() -> float:
    totals = kazakh_totals()
    return float(100 * (totals.iloc[-1] - totals.iloc[0]) / totals.iloc[0])


def profiles_disagree(edition: int = 2014) -> set:
    """Neighbours whose own profile gives another length than Kazakhstan's, in one edition."""
    editions = load("border_editions")
    one = editions[editions["edition"] == edition]
    ours = one[one["profile_iso3"] == "KAZ"].set_index("neighbour_iso3")["length_km"]
    theirs = one[one["profile_iso3"] != "KAZ"].set_index("neighbour_iso3")["length_km"]
    differ = (ours - theirs).dropna()
    return set(differ[differ != 0].index.astype(str))


EXERCISES = [
    Exercise(
        id="10.1",
        question="How many years after independence was the last of the five delimitation "
        "treaties signed?",
        kind="number",
        reference=years_to_last_delimitation,
        abs_tol=0.05,
        unit="years",
        hints=[
            'Keep the rows of border_treaties whose kind is "delimitation": one per neighbour.',
            'The last one is the largest value of the "signed" column (.max()).',
            "Subtracting two dates gives a Timedelta; .days gives whole days. Divide by 365.25 "
            "for years. Independence is the date of milestone independence-1991.",
        ],
        mistakes=[
            Mistake(
                say="That is the first delimitation treaty (the earliest date); the question "
                "asks for the last one.",
                wrong=lambda reference: years_to_first_delimitation(),
            ),
            Mistake(
                say="That looks like days; divide by 365.25 to get years.",
                wrong=lambda reference: days_to_last_delimitation(),
            ),
        ],
        solution=Solution(
            code='delimitation = treaties[treaties["kind"] == "delimitation"]\n'
            'independence = load("milestones").set_index("milestone_id").loc["independence-1991", "date"]\n'
            'answer_10_1 = (delimitation["signed"].max() - independence).days / 365.25\n',
            why="Keep one delimitation treaty per neighbour, take the latest signature and "
            "measure the gap from independence in days, then in years. The last treaty is the "
            "one with Russia, the longest border: it took more than thirteen years, against "
            "under three for China.",
        ),
    ),
    Exercise(
        id="10.2",
        question="The neighbour whose border took longest from its delimitation treaty to the "
        "completion of demarcation.",
        kind="text",
        country=True,
        reference=longest_to_demarcate,
        hints=[
            'For each neighbour you need two dates: "signed" of its delimitation treaty and '
            '"demarcation_completed" of its demarcation row.',
            "Index both by neighbour_iso3 and subtract: pandas matches the rows by neighbour.",
            "A neighbour without a demarcation date gives NaT (no value): it has not finished, "
            "so it cannot be the longest finished process. Use .dropna() and then .idxmax().",
        ],
        mistakes=[
            Mistake(
                say="Russia's border has no demarcation date in the data: demarcation was not "
                "complete as of the latest source. It is unfinished, not measured.",
                when=lambda answer: answer == "RUS",
            ),
        ],
        solution=Solution(
            code='start = treaties[treaties["kind"] == "delimitation"].set_index("neighbour_iso3")["signed"]\n'
            'done = treaties.dropna(subset=["demarcation_completed"])\n'
            'end = done.groupby("neighbour_iso3", observed=True)["demarcation_completed"].max()\n'
            "gaps = ((end - start).dt.days / 365.25).dropna()\n"
            "answer_10_2 = gaps.idxmax()\n",
            why="Subtracting two Series aligned on neighbour_iso3 gives the gap per neighbour. "
            "Uzbekistan's took longest among the finished ones: the 2001 treaty left sections "
            "open, a 2002 agreement settled them on paper, and the demarcation treaty came in "
            "2022. The data shows the gap; the notes (markers placed 2004-2021 by a joint "
            "commission) suggest why, but do not prove it.",
        ),
    ),
    Exercise(
        id="10.3",
        question="By how many kilometres did Kazakhstan's total land boundaries in its own "
        "Factbook profile grow between the first and the last edition in the data?",
        kind="number",
        reference=total_growth_km,
        abs_tol=0.5,
        unit="km",
        hints=[
            'Keep the rows of border_editions whose profile_iso3 is "KAZ".',
            "profile_total_km repeats on the five rows of an edition: group by edition and "
            "take .first().",
            "Subtract the first edition's total from the last one's.",
        ],
        mistakes=[
            Mistake(
                say="That is a percentage; the question asks for kilometres.",
                wrong=lambda reference: total_growth_pct(),
            ),
        ],
        solution=Solution(
            code='kaz = editions[editions["profile_iso3"] == "KAZ"]\n'
            'totals = kaz.groupby("edition")["profile_total_km"].first()\n'
            "answer_10_3 = totals.iloc[-1] - totals.iloc[0]\n",
            why="Grouping by edition gives one total per edition, in order. The total grew by "
            "more than a thousand kilometres, almost all of it in one step, with no new "
            "neighbour: the same borders were measured again.",
        ),
    ),
    Exercise(
        id="10.4",
        question="In the 2014 Factbook edition, the neighbours whose own profile gives a "
        "different border length with Kazakhstan from Kazakhstan's profile.",
        kind="set",
        items="country",
        reference=profiles_disagree,
        hints=[
            "Keep the rows of edition 2014. Kazakhstan's profile rows have profile_iso3 KAZ; "
            "the others are the neighbours' own profiles.",
            "Make two Series indexed by neighbour_iso3 (one per kind of profile) and subtract.",
            "Keep the neighbours where the difference is not zero.",
        ],
        mistakes=[
            Mistake(
                say="Kazakhstan is the profile you compare against, not a neighbour.",
                when=lambda answer: "KAZ" in answer,
            ),
        ],
        solution=Solution(
            code='one = editions[editions["edition"] == 2014]\n'
            'ours = one[one["profile_iso3"] == "KAZ"].set_index("neighbour_iso3")["length_km"]\n'
            'theirs = one[one["profile_iso3"] != "KAZ"].set_index("neighbour_iso3")["length_km"]\n'
            "difference = ours - theirs\n"
            "answer_10_4 = set(difference[difference != 0].index)\n",
            why="In the 2014 edition the China and Russia profiles already give the new, longer "
            "figures while Kazakhstan's own profile still gives the old ones: one edition of "
            "one publication disagrees with itself. A figure is only as current as the page "
            "it was copied from.",
        ),
    ),
    Exercise(
        id="10.5",
        question="Which of these questions about the 2015 change in the Factbook's border "
        "lengths can the data not settle?",
        kind="choice",
        # Written out: the assessment edition copies the options as a literal.
        options=[
            "In which edition Kazakhstan's own profile first gives the longer figures",
            "Which neighbours' own profiles gave the new figures one edition earlier",
            "Why the CIA changed its figures in the 2015 edition",
            "By how many kilometres the total grew",
        ],
        reference=lambda: CANNOT_SETTLE,
        hints=[
            "For each question, ask which column of border_editions would answer it.",
            "Editions, profiles and lengths are in the table. Is there a column for a reason?",
        ],
        mistakes=[
            Mistake(
                say="The table answers that one: compare the editions year by year.",
                when=lambda answer: True,
            ),
        ],
        solution=Solution(
            code='answer_10_5 = "Why the CIA changed its figures in the 2015 edition"\n',
            why="The editions show when the figures changed, where first and by how much. "
            "They do not say why: no source read gives the CIA's reason. That the Factbook "
            "revised about half of all its profiles at the same time suggests a re-measurement "
            "rather than an event on Kazakhstan's borders, but that is an inference, and a "
            "careful text says so.",
        ),
    ),
    Exercise(
        id="10.6",
        question="The signatories of the 2018 Caspian Convention that have neither ratified nor "
        "approved it, as of the data's date.",
        kind="set",
        items="country",
        reference=not_yet_ratified,
        hints=[
            'Keep the rows of caspian_agreements whose instrument_id is "caspian-convention-2018".',
            'The "signed" row lists the parties, separated by ";": .split(";") makes them a list.',
            'Make a set of state_iso3 on the rows whose event is "ratified" or "approved", and '
            "subtract it from the set of parties.",
        ],
        mistakes=[
            Mistake(
                say="Azerbaijan's president approved the Convention by order: the data records "
                "it as approved, not ratified. Count both.",
                wrong=lambda reference: not_ratified_strictly(),
            ),
        ],
        solution=Solution(
            code='convention = caspian[caspian["instrument_id"] == "caspian-convention-2018"]\n'
            'parties = set(convention[convention["event"] == "signed"]["parties"].iloc[0].split(";"))\n'
            'done = set(convention[convention["event"].isin(["ratified", "approved"])]["state_iso3"])\n'
            "answer_10_6 = parties - done\n",
            why="Set difference: the parties minus those that completed their procedure. Only "
            "Iran is left, and because the Convention needs all five, it is not in force as of "
            "the latest source read.",
        ),
    ),
    Exercise(
        id="10.7",
        question="The Caspian shore states that have signed no two-party agreement dividing "
        "the seabed or the sea with a neighbour, in the data.",
        kind="set",
        items="country",
        reference=without_bilateral_line,
        hints=[
            'Keep the "signed" rows of caspian_agreements: one per agreement.',
            'Split each "parties" value with .str.split(";") and keep the lists of length 2: '
            "the junction agreement has three parties and the Convention five, and neither "
            "draws a line between two states.",
            "Put every state of those pairs in one set (a loop with .update(), or "
            "set().union(*...)), then subtract it from the five signatories of the Convention.",
        ],
        mistakes=[
            Mistake(
                say="That is the answer for the agreements up to 2003. Look at the later rows: "
                "Kazakhstan and Turkmenistan signed a seabed agreement in 2014.",
                wrong=lambda reference: without_line_by_2003(),
            ),
            Mistake(
                say="The Convention and the 2003 junction agreement have more than two parties: "
                "they draw no line between two states. Keep only the agreements with two.",
                when=lambda answer: len(answer) == 0,
            ),
        ],
        solution=Solution(
            code='signed = caspian[caspian["event"] == "signed"]\n'
            'pairs = [set(p) for p in signed["parties"].str.split(";") if len(p) == 2]\n'
            "with_a_line = set().union(*pairs)\n"
            'shore_states = set(signed.loc[signed["instrument_id"] == "caspian-convention-2018", '
            '"parties"].iloc[0].split(";"))\n'
            "answer_10_7 = shore_states - with_a_line\n",
            why="A union collects every state that appears in a two-party agreement; subtracting "
            "it from the five shore states leaves Iran. That fits what the sources say of the "
            "south: no agreed division of the seabed between Azerbaijan, Iran and Turkmenistan, "
            "and Iran's stated view that bilateral divisions need the consent of all five. "
            "Azerbaijan and Turkmenistan appear through their northern neighbours, not through "
            "a line with each other: a set of states cannot show which pairs are missing.",
        ),
    ),
]
