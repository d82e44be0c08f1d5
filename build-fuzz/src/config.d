build-fuzz/src/config.o: src/config.c include/followup/config.h \
  include/followup/date.h include/followup/err.h include/followup/util.h

include/followup/config.h:

include/followup/date.h:

include/followup/err.h:

include/followup/util.h:
