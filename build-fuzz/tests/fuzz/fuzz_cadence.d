build-fuzz/tests/fuzz/fuzz_cadence.o: tests/fuzz/fuzz_cadence.c \
  include/followup/cadence.h include/followup/workcal.h \
  include/followup/date.h include/followup/err.h tests/fuzz/fuzz.h

include/followup/cadence.h:

include/followup/workcal.h:

include/followup/date.h:

include/followup/err.h:

tests/fuzz/fuzz.h:
