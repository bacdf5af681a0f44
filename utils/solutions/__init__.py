"""Worked solutions, one module per notebook: ``nbNN.py`` holds ``SOLUTIONS``, plain data
``{id: {"code": ..., "why": ...}}``. "code" is what a learner would write in the notebook's answer
cell (it may use variables defined earlier in the notebook and ``load``); it assigns the answer
variable (``answer_NN_K``). "why" explains the reasoning.

The student edition replaces this package by a stub with ``STUDENT_EDITION = True``.
"""

STUDENT_EDITION = False
