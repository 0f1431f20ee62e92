// The one macro that marks code callable on host and device. Under a host compiler it is empty,
// so the CPU build needs neither nvcc nor CUDA headers.
#pragma once

#if defined(__CUDACC__)
#define SW_HOST_DEVICE __host__ __device__
#else
#define SW_HOST_DEVICE
#endif
