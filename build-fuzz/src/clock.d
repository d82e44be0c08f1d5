build-fuzz/src/clock.o: src/clock.c include/followup/clock.h \
  include/followup/date.h include/followup/err.h

include/followup/clock.h:

include/followup/date.h:

include/followup/err.h:
