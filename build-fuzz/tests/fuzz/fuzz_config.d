build-fuzz/tests/fuzz/fuzz_config.o: tests/fuzz/fuzz_config.c \
  include/followup/config.h include/followup/date.h \
  include/followup/err.h tests/fuzz/fuzz.h

include/followup/config.h:

include/followup/date.h:

include/followup/err.h:

tests/fuzz/fuzz.h:
