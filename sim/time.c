/*
 * time.c - conversions between picoseconds and the units users speak.
 */
#include "sim/time.h"

#include <math.h>

double sim_time_to_sec(sim_time t)
{
    return (double)t / 1e12;
}

double sim_time_to_us(sim_time t)
{
    return (double)t / 1e6;
}

sim_time sim_time_from_cycles(double cycles, double freq_hz)
{
    return sim_time_from_sec(cycles / freq_hz);
}
