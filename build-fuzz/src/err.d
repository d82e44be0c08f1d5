build-fuzz/src/err.o: src/err.c include/followup/err.h \
  include/followup/util.h

include/followup/err.h:

include/followup/util.h:
