/*
 * time.h - simulated time: an unsigned 64-bit count of picoseconds.
 * Seconds (doubles) appear only at the edges, through these helpers.
 * 2^64 ps is about 213 days of simulated time.
 */
#ifndef VIRTSIM_TIME_H
#define VIRTSIM_TIME_H

#include <stdint.h>

typedef uint64_t sim_time;

#define SIM_TIME_MAX  UINT64_MAX
#define SIM_PS_PER_NS UINT64_C(1000)
#define SIM_PS_PER_US UINT64_C(1000000)
#define SIM_PS_PER_MS UINT64_C(1000000000)
#define SIM_PS_PER_S  UINT64_C(1000000000000)

/*
 * Converts seconds to picoseconds, rounding to nearest. Negative values and
 * NaN give 0; values past the range saturate at SIM_TIME_MAX. Callers that
 * take seconds from users validate them first; this only keeps the
 * conversion total. Ties round to even, as nearbyint() does in the default
 * rounding mode; in line, because the models convert on every job.
 */
static inline sim_time sim_time_from_sec(double sec)
{
    double ps;

    if (!(sec > 0))         /* also catches NaN */
        return 0;
    ps = sec * 1e12;
    if (ps >= 18446744073709551615.0)
        return SIM_TIME_MAX;
    /*
     * Below 2^52, adding and taking away 2^52 rounds to an integer in the
     * current rounding mode (what nearbyint does, without the call); from
     * 2^52 up every double is an integer already.
     */
    if (ps < 0x1p52)
        ps = (ps + 0x1p52) - 0x1p52;
    return (sim_time)ps;
}

/* Converts picoseconds to seconds (exact below 2^53 ps, about 2.5 hours). */
double sim_time_to_sec(sim_time t);

/* Picoseconds to microseconds, for reports. */
double sim_time_to_us(sim_time t);

/*
 * Time to do `cycles` cycles at `freq_hz`, rounded to nearest picosecond.
 * freq_hz must be > 0.
 */
sim_time sim_time_from_cycles(double cycles, double freq_hz);

/* Saturating addition: a + b, or SIM_TIME_MAX on overflow. */
static inline sim_time sim_time_add(sim_time a, sim_time b)
{
    return a > SIM_TIME_MAX - b ? SIM_TIME_MAX : a + b;
}

#endif
