build-fuzz/src/util.o: src/util.c include/followup/util.h

include/followup/util.h:
