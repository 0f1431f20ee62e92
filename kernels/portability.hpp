// The one macro that marks code callable on host and device. Under a host compiler it is empty,
// so the CPU build needs neither nvcc nor CUDA headers.
#pragma once

#if defined(__CUDACC__)
#define SW_HOST_DEVICE __host__ __device__
#else
#define SW_HOST_DEVICE
#endif

// Unrolls the next loop completely (its trip count must be a constant): an inner loop left rolled
// stops the CPU compiler from vectorising the loop around it.
#if defined(__CUDA_ARCH__)
#define SW_UNROLL _Pragma("unroll")
#elif defined(__CUDACC__)  // nvcc's host pass: its front end rejects GCC's pragma, and the
#define SW_UNROLL          // host code of .cu files never runs the CPU kernels anyway
#elif defined(__GNUC__) && !defined(__clang__)
#define SW_UNROLL _Pragma("GCC unroll 64")
#elif defined(__clang__)
#define SW_UNROLL _Pragma("unroll")
#else
#define SW_UNROLL
#endif

// Inlines a function into every caller. The CPU neuron update vectorises only when the whole
// step is inlined into the loop over neurons; in a large translation unit GCC's inlining budget
// otherwise runs out for some instantiations (measured: 4 of 16 LifStep variants vectorised).
#if defined(__CUDACC__)
#define SW_FORCE_INLINE __forceinline__
#elif defined(__GNUC__)
#define SW_FORCE_INLINE __attribute__((always_inline)) inline
#else
#define SW_FORCE_INLINE inline
#endif
