build-fuzz/tests/fuzz/fuzz_csv.o: tests/fuzz/fuzz_csv.c \
  include/followup/config.h include/followup/csvio.h \
  include/followup/store.h include/followup/cadence.h \
  include/followup/workcal.h include/followup/stats.h \
  include/followup/date.h include/followup/err.h tests/fuzz/fuzz.h

include/followup/config.h:

include/followup/csvio.h:

include/followup/store.h:

include/followup/cadence.h:

include/followup/workcal.h:

include/followup/stats.h:

include/followup/date.h:

include/followup/err.h:

tests/fuzz/fuzz.h:
