"""Reading Room's benchmarks: every figure of the scale issue, each beside its anchor.

``python -m bench`` builds a national-size library (250,000 works, a million copies,
100,000 borrowers, two million loans; cached between runs), runs every measurement with
its anchor in the same run (these machines are noisy: a ratio says more than a time),
prints a table and writes the results as JSON. ``python -m bench --quick`` does the same on
a small library in well under a minute; the test suite runs it so the benchmark never rots.

Modules: :mod:`bench.data` builds the data, :mod:`bench.core` measures the domain (no Qt),
:mod:`bench.probe` measures the window in child processes (one process per figure, so
memory and start-up are the window's own), :mod:`bench.results` prints and saves.
"""

# Every way into a catalogue backs an existing file up before a migration changes it; the
# benchmark opens its library through the store, so it registers that backup as the
# front doors do (a cached library built by an older version is migrated on first use).
from readingroom import catalogue_file as _opening  # noqa: E402, F401
