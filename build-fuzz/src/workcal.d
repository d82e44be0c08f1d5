build-fuzz/src/workcal.o: src/workcal.c include/followup/workcal.h \
  include/followup/date.h include/followup/err.h include/followup/util.h

include/followup/workcal.h:

include/followup/date.h:

include/followup/err.h:

include/followup/util.h:
