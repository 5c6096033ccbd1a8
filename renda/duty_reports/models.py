"""述职: the yearly list of deputies and appointees due to report on their duties, their reports,
and the satisfaction evaluation of each."""
