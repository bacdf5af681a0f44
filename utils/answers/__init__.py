"""Exercise definitions, one module per notebook: ``nbNN.py`` holds ``EXERCISES``, a list of
:class:`utils.exercises.Exercise` objects for notebook NN.

Each exercise computes its expected answer from the data when it is checked, so nothing here is
a stored answer key. Worked solutions are elsewhere (``utils/solutions``), so this package ships
in the student edition too. ``utils.exercises`` finds the modules by their names (nb00, nb01, ...).
"""
