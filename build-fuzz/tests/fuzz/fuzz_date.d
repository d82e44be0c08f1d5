build-fuzz/tests/fuzz/fuzz_date.o: tests/fuzz/fuzz_date.c \
  include/followup/date.h include/followup/err.h tests/fuzz/fuzz.h

include/followup/date.h:

include/followup/err.h:

tests/fuzz/fuzz.h:
