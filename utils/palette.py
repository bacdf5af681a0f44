"""The colours that maps and charts share.

The Okabe-Ito palette stays distinguishable for people with the common forms of colour-vision
deficiency; black is left out of the categories because it is used for outlines.
"""

CATEGORY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
NO_DATA_COLOUR = "#d9d9d9"
OUTLINE_COLOUR = "#333333"
