"""What the pure-Python front ends read from table cells the same way."""


def is_missing(value):
    """A cell that holds no value: None, a NaN of any float type (Python, numpy), pandas NaT and
    pandas NA. Text, numbers and dates are values, whatever they say."""
    if value is None:
        return True
    try:
        # NaN and NaT are the values that differ from themselves.
        return bool(value != value)
    except TypeError:
        # pandas NA: a comparison with it is NA again, which has no truth value.
        return True
    except ValueError:
        # An array in a cell compares element by element: a value (refused later as not a number).
        return False
