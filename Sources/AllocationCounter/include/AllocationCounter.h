#ifndef WIRESTREAM_ALLOCATION_COUNTER_H
#define WIRESTREAM_ALLOCATION_COUNTER_H

#include <stdint.h>

/// Heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign) made by this process so far,
/// all threads together. Counted where the C library's allocator is glibc (the process's own definitions of these
/// functions forward to it); 0 elsewhere, see `wirestream_allocations_counted`.
uint64_t wirestream_allocation_count(void);

/// 1 when allocations are counted in this build, else 0.
int wirestream_allocations_counted(void);

#endif
