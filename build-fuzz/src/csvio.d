build-fuzz/src/csvio.o: src/csvio.c include/followup/csvio.h \
  include/followup/config.h include/followup/store.h \
  include/followup/cadence.h include/followup/workcal.h \
  include/followup/stats.h include/followup/date.h \
  include/followup/err.h include/followup/util.h

include/followup/csvio.h:

include/followup/config.h:

include/followup/store.h:

include/followup/cadence.h:

include/followup/workcal.h:

include/followup/stats.h:

include/followup/date.h:

include/followup/err.h:

include/followup/util.h:
