build-fuzz/src/date.o: src/date.c include/followup/date.h \
  include/followup/err.h

include/followup/date.h:

include/followup/err.h:
