"""Exercises of notebook 06 (the nuclear choice), computed from the data, with their worked
solutions."""

import pandas as pd

from utils.data import load
from utils.exercises import FRACTION_NOT_PERCENT, Exercise, Mistake, Solution

POUND_KG = 0.45359237  # the international pound, by definition


def figures_for(item):
    """The rows of nuclear_figures for one item."""
    figures = load("nuclear_figures")
    return figures[figures["item"] == item]


def test_count_spread() -> float:
    """Largest minus smallest count of tests at Semipalatinsk, over the sources."""
    values = figures_for("nuclear tests at Semipalatinsk")["value"]
    return float(values.max() - values.min())


def spread_with_devices() -> float:
    """The spread when the devices row is counted as well (a mistake)."""
    figures = load("nuclear_figures")
    values = figures[figures["item"].str.contains("Semipalatinsk")]["value"]
    return float(values.max() - values.min())


def warheads():
    return figures_for("strategic nuclear warheads inherited")["value"]


def warhead_excess_pct() -> float:
    """How much larger the largest warhead figure is than the smallest, in percent."""
    values = warheads()
    return float(100 * (values.max() - values.min()) / values.min())


def milestone_date(milestone_id):
    milestones = load("milestones").set_index("milestone_id")
    return milestones.loc[milestone_id, "date"]


def lisbon_to_npt_days() -> int:
    """Days from the Lisbon Protocol to the NPT instrument handed over in Washington."""
    return int((milestone_date("npt-accession-1994") - milestone_date("lisbon-protocol-1992")).days)


def lisbon_to_ratification_days() -> int:
    return int(
        (milestone_date("npt-ratification-1993") - milestone_date("lisbon-protocol-1992")).days
    )


def sapphire_kg(factor=POUND_KG):
    """Project Sapphire figures in kilograms (pounds multiplied by `factor`)."""
    rows = figures_for("HEU removed in Project Sapphire")
    return rows["value"].where(rows["unit"] != "lb", rows["value"] * factor)


def sapphire_mean_kg() -> float:
    return float(sapphire_kg().mean())


def nuclear_per_decade() -> pd.Series:
    """Number of nuclear milestones per decade, indexed by the decade's first year."""
    milestones = load("milestones")
    nuclear = milestones[milestones["category"] == "nuclear"]
    decade = nuclear["date"].dt.year // 10 * 10
    return decade.value_counts().sort_index()


def ctbt_minus_tpnw_days(ctbt_end="ctbt-ratified-2001") -> int:
    """How many more days the CTBT took than the TPNW from signature to ratification."""
    ctbt = milestone_date(ctbt_end) - milestone_date("ctbt-signed-1996")
    tpnw = milestone_date("tpnw-ratified-2019") - milestone_date("tpnw-signed-2018")
    return int(ctbt.days - tpnw.days)


EXERCISES = [
    Exercise(
        id="06.1",
        question="The largest minus the smallest count of nuclear tests at Semipalatinsk, "
        "over the sources.",
        kind="number",
        reference=test_count_spread,
        unit="tests",
        hints=[
            'Keep the rows of nuclear_figures whose item is exactly "nuclear tests at '
            'Semipalatinsk".',
            'figures[figures["item"] == "nuclear tests at Semipalatinsk"]["value"] gives the '
            "counts.",
            "The spread is .max() minus .min() of those values.",
        ],
        mistakes=[
            Mistake(
                say="That includes the row that counts devices, not tests. Keep only "
                "the rows whose item is the number of tests.",
                wrong=lambda reference: spread_with_devices(),
            )
        ],
        solution=Solution(
            code='tests = figures[figures["item"] == "nuclear tests at Semipalatinsk"]["value"]\n'
            "answer_06_1 = tests.max() - tests.min()\n",
            why="Only rows that count the same thing can be compared. The devices row counts "
            "something else (one test could set off several devices), so it is left out. "
            "The remaining counts differ by a few tests, partly because some sources give "
            "a lower bound ('at least').",
        ),
    ),
    Exercise(
        id="06.2",
        question="How much larger the largest inherited-warhead figure is than the smallest, "
        "as a percentage of the smallest.",
        kind="number",
        reference=warhead_excess_pct,
        abs_tol=0.1,
        unit="%",
        hints=[
            'The warhead rows are those whose item is "strategic nuclear warheads inherited"; '
            "the notebook calls them warheads.",
            "Take the largest and the smallest value; the difference between them is the gap.",
            "Divide the gap by the smallest value and multiply by 100.",
        ],
        mistakes=[
            Mistake(
                say="That divides by the largest figure. The question measures the gap "
                "relative to the smallest one.",
                wrong=lambda reference: float(
                    100 * (warheads().max() - warheads().min()) / warheads().max()
                ),
            ),
            FRACTION_NOT_PERCENT,
        ],
        solution=Solution(
            code='gap = warheads["value"].max() - warheads["value"].min()\n'
            'answer_06_2 = 100 * gap / warheads["value"].min()\n',
            why="A relative difference needs a base; the question takes the smallest figure. "
            "A gap of over a quarter shows that 'how many warheads' depends on what a "
            "source counts and when, so a careful text gives the range and its sources.",
        ),
    ),
    Exercise(
        id="06.3",
        question="Days from the signing of the Lisbon Protocol to the handing over of "
        "Kazakhstan's NPT instrument in Washington.",
        kind="number",
        reference=lisbon_to_npt_days,
        unit="days",
        hints=[
            'The two rows are "lisbon-protocol-1992" and "npt-accession-1994" (column '
            "milestone_id).",
            'milestones.set_index("milestone_id").loc["npt-accession-1994", "date"] gives one '
            "date.",
            "Subtracting two dates gives a Timedelta; its .days attribute is the number of days.",
        ],
        mistakes=[
            Mistake(
                say="That runs to the NPT ratification. The question asks for the "
                "day the instrument was handed over in Washington.",
                wrong=lambda reference: lisbon_to_ratification_days(),
            )
        ],
        solution=Solution(
            code='dates = milestones.set_index("milestone_id")["date"]\n'
            'answer_06_3 = (dates["npt-accession-1994"] - dates["lisbon-protocol-1992"]).days\n',
            why="Subtracting two dates gives a Timedelta, and .days turns it into a number of "
            "days. The Lisbon Protocol (a commitment to join the NPT), the ratification "
            "and the accession are three different steps; the question asks for the last.",
        ),
    ),
    Exercise(
        id="06.4",
        question="The mean of the six Project Sapphire figures, all converted to kilograms.",
        kind="number",
        reference=sapphire_mean_kg,
        abs_tol=0.5,
        unit="kg",
        hints=[
            "One row has unit lb. Multiply its value by 0.45359237 to get kilograms; leave the "
            "kg rows as they are.",
            'sapphire["value"].where(sapphire["unit"] != "lb", sapphire["value"] * 0.45359237) '
            "converts the pound rows only.",
            "Then take .mean() of the converted values.",
        ],
        mistakes=[
            Mistake(
                say="That mixes pounds and kilograms: convert the lb figure to kilograms "
                "before averaging.",
                wrong=lambda reference: float(
                    figures_for("HEU removed in Project Sapphire")["value"].mean()
                ),
            ),
            Mistake(
                say="That divides the pounds by 0.45359237. A pound is less than a "
                "kilogram, so multiply.",
                wrong=lambda reference: float(sapphire_kg(1 / POUND_KG).mean()),
            ),
        ],
        solution=Solution(
            code='kg = sapphire["value"].where(sapphire["unit"] != "lb", sapphire["value"] * 0.45359237)\n'
            "answer_06_4 = kg.mean()\n",
            why="where() keeps a value where the condition holds and replaces it elsewhere, so "
            "only the pound row is converted. Without converting, that one row pulls the "
            "mean up by more than 100 kg. (The median would hide the error, since four of "
            "the six figures are 600: a reason to check units rather than trust a robust "
            "statistic.)",
        ),
    ),
    Exercise(
        id="06.5",
        question="The number of nuclear milestones per decade, indexed by the decade's first "
        "year, in order.",
        kind="series",
        reference=nuclear_per_decade,
        index=True,
        hints=[
            "The decade of a year is year // 10 * 10 (1994 // 10 * 10 is 1990).",
            'nuclear["date"].dt.year gives the year of each nuclear milestone.',
            "value_counts() counts each decade; sort_index() puts the decades in order.",
        ],
        solution=Solution(
            code='decade = nuclear["date"].dt.year // 10 * 10\n'
            "answer_06_5 = decade.value_counts().sort_index()\n",
            why="Integer division by 10 drops the last digit of the year, and multiplying by "
            "10 gives the decade's first year. value_counts() counts the milestones per "
            "decade and sort_index() orders the decades. Most steps fall in the 1990s (the "
            "weapons leave) and the 2010s (the fuel bank and the TPNW).",
        ),
    ),
    Exercise(
        id="06.6",
        question="How many more days did Kazakhstan take from signature to ratification for "
        "the CTBT than for the TPNW?",
        kind="number",
        reference=ctbt_minus_tpnw_days,
        unit="days",
        hints=[
            "Four rows: ctbt-signed-1996, ctbt-ratified-2001, tpnw-signed-2018 and "
            "tpnw-ratified-2019.",
            "Compute each treaty's gap (ratification minus signature) as a Timedelta.",
            "Subtract the TPNW's gap from the CTBT's and take .days.",
        ],
        mistakes=[
            Mistake(
                say="That is the CTBT's gap alone. Subtract the TPNW's gap from it.",
                wrong=lambda reference: int(
                    (milestone_date("ctbt-ratified-2001") - milestone_date("ctbt-signed-1996")).days
                ),
            ),
            Mistake(
                say="That is the TPNW minus the CTBT: the question asks how many more days "
                "the CTBT took.",
                wrong=lambda reference: -reference,
            ),
        ],
        solution=Solution(
            code='dates = milestones.set_index("milestone_id")["date"]\n'
            'ctbt = dates["ctbt-ratified-2001"] - dates["ctbt-signed-1996"]\n'
            'tpnw = dates["tpnw-ratified-2019"] - dates["tpnw-signed-2018"]\n'
            "answer_06_6 = (ctbt - tpnw).days\n",
            why="Kazakhstan took more than five years to ratify the CTBT and about a year and a "
            "half for the TPNW. Ratification is a step at home; it does not bring a treaty "
            "into force. The CTBT needs the ratification of all 44 states of its Annex 2 and is "
            "still not in force, so a text saying it 'entered into force for Kazakhstan' "
            "(as one embassy page does) describes something else, probably the deposit of the "
            "instrument.",
        ),
    ),
]
