/*
 * rng.c - deterministic per-entity random streams on GSL's taus2, and the
 * exponential sampler the engine's arrival and service processes use.
 *
 * Exponential draws use the ziggurat method (Marsaglia and Tsang, "The
 * ziggurat method for generating random variables", J. Stat. Softw. 5(8),
 * 2000; 256 layers), which is exact: a rejection method whose accepted
 * points are uniform under the density, so the output is exponential up to
 * floating-point rounding, as with inversion. It takes 97.8% of draws with
 * one table look-up and a multiply, where inversion (GSL's -mu log1p(-u))
 * needs a log1p of unpredictable branches: 18 ns against about 5 here.
 * As Doornik (2005) advises, the layer index and the position come from
 * disjoint bits of a 64-bit draw (two taus2 outputs), and the position has
 * 53 bits, finer than the 32 of inversion on taus2; the tail past R is
 * R plus a fresh draw (the exponential forgets), so it is not truncated.
 *
 * The raw draws step GSL's taus2 state in line (L'Ecuyer 1996, as GSL's
 * taus.c writes it), saving an indirect call per draw. The state's layout
 * is checked once per stream against gsl_rng_get; a mismatch falls back
 * to calling GSL, with the same results.
 */
#include "sim/rng.h"

#include <math.h>
#include <string.h>

/*
 * The ziggurat's layer edges for density exp(-x): zig_x[1] = R =
 * 7.69711747013104972 and each layer, like the base (rectangle [0, R] plus
 * the tail), has area V = 0.0039496598225815571993; zig_x[0] = V e^R is
 * the base's width were it a rectangle, zig_x[i+1] = -log(V / zig_x[i] +
 * exp(-zig_x[i])), zig_x[256] = 0. Computed in long double and rounded;
 * tests/check_rng.c recomputes them.
 */
#define ZIG_R 7.69711747013104972

static const double zig_x[257] = {
    0x1.164ec94bf5dc1p+3, 0x1.ec9d9297ebb83p+2, 0x1.bc39e51da71fcp+2,
    0x1.9e9dc0d487b85p+2, 0x1.8939fe6f2ed19p+2, 0x1.78750d6eac62fp+2,
    0x1.6aa676d4bbf72p+2, 0x1.5ee7ae17313d2p+2, 0x1.54ad83ccf73f6p+2,
    0x1.4b9d7cd4751d1p+2, 0x1.4379766e41362p+2, 0x1.3c14ec7c8b861p+2,
    0x1.354ee27ccf75ep+2, 0x1.2f0e38a4411fp+2, 0x1.293f5ae49aaa5p+2,
    0x1.23d2bb659919fp+2, 0x1.1ebbca0c9fa7cp+2, 0x1.19f03bcb3c2d6p+2,
    0x1.156786775442ap+2, 0x1.111a8034392a6p+2, 0x1.0d031785d48ap+2,
    0x1.091c1cdcba54ep+2, 0x1.056118bf58eefp+2, 0x1.01ce2b362ec2ep+2,
    0x1.fcbfe43f6c6e5p+1, 0x1.f626e9791f7a7p+1, 0x1.efcc26750ea4ap+1,
    0x1.e9aaf2af383c1p+1, 0x1.e3bf26e19096p+1, 0x1.de050af4ef19fp+1,
    0x1.d87946fec3becp+1, 0x1.d318d6b2738c5p+1, 0x1.cde0fecf2a97fp+1,
    0x1.c8cf442c8c8f4p+1, 0x1.c3e1641c2e0a7p+1, 0x1.bf154de4bef77p+1,
    0x1.ba691d276da5ep+1, 0x1.b5db15091ea0fp+1, 0x1.b1699c003b60ap+1,
    0x1.ad13382d845c4p+1, 0x1.a8d68c2ad86eap+1, 0x1.a4b2543e84c3bp+1,
    0x1.a0a563e49f178p+1, 0x1.9caea3a24d9eap+1, 0x1.98cd0f18d1ad8p+1,
    0x1.94ffb34fc2a0ep+1, 0x1.9145ad2f37544p+1, 0x1.8d9e2823b3695p+1,
    0x1.8a085ce695babp+1, 0x1.8683906687342p+1, 0x1.830f12cc0bec3p+1,
    0x1.7faa3e96e1412p+1, 0x1.7c5477d1476d3p+1, 0x1.790d2b56b71f9p+1,
    0x1.75d3ce2bd71c3p+1, 0x1.72a7dce5cd218p+1, 0x1.6f88db1f42507p+1,
    0x1.6c7652f9a7b1ep+1, 0x1.696fd4a9748eep+1, 0x1.6674f60c3f432p+1,
    0x1.63855247b2e94p+1, 0x1.60a0897081879p+1, 0x1.5dc640388bd9ep+1,
    0x1.5af61fa38e107p+1, 0x1.582fd4c1b4461p+1, 0x1.5573106f8a75ap+1,
    0x1.52bf871acaab2p+1, 0x1.5014f08b99508p+1, 0x1.4d7307b1cb127p+1,
    0x1.4ad98a75da14cp+1, 0x1.4848398d39432p+1, 0x1.45bed851bc92cp+1,
    0x1.433d2c9bd42f8p+1, 0x1.40c2fe9f5eeadp+1, 0x1.3e5018caddedp+1,
    0x1.3be447a8d8b83p+1, 0x1.397f59c345143p+1, 0x1.37211f88ca857p+1,
    0x1.34c96b33bc965p+1, 0x1.327810b2aa7dp+1, 0x1.302ce59265965p+1,
    0x1.2de7c0e962d7p+1, 0x1.2ba87b445db51p+1, 0x1.296eee942532bp+1,
    0x1.273af61c7daa6p+1, 0x1.250c6e6403bbap+1, 0x1.22e33524fe55p+1,
    0x1.20bf293f0f4a2p+1, 0x1.1ea02aa9b337p+1, 0x1.1c861a6782a5ap+1,
    0x1.1a70da7a2782p+1, 0x1.18604dd6fae9ep+1, 0x1.1654585c404c1p+1,
    0x1.144cdec6f3a2bp+1, 0x1.1249c6a92154ap+1, 0x1.104af660befcep+1,
    0x1.0e50550efcfb7p+1, 0x1.0c59ca900946fp+1, 0x1.0a673f733c819p+1,
    0x1.08789cf3aad0fp+1, 0x1.068dccf1126dbp+1, 0x1.04a6b9e9224a3p+1,
    0x1.02c34ef11391bp+1, 0x1.00e377af911d4p+1, 0x1.fe0e40add09d8p+0,
    0x1.fa5c6b3efe1e5p+0, 0x1.f6b1498515edp+0, 0x1.f30cb6ea0bc7fp+0,
    0x1.ef6e8fc5b9168p+0, 0x1.ebd6b154a7678p+0, 0x1.e844f9af4237fp+0,
    0x1.e4b947c16a452p+0, 0x1.e1337b426509cp+0, 0x1.ddb374ad2357fp+0,
    0x1.da391538da50ap+0, 0x1.d6c43ed1ea3ffp+0, 0x1.d354d4130f2adp+0,
    0x1.cfeab83ed718p+0, 0x1.cc85cf395a56cp+0, 0x1.c925fd82323fbp+0,
    0x1.c5cb282eab1a4p+0, 0x1.c27534e42e02dp+0, 0x1.bf2409d2dfd85p+0,
    0x1.bbd78db07261p+0, 0x1.b88fa7b324fb6p+0, 0x1.b54c3f8cf2542p+0,
    0x1.b20d3d66e8bb5p+0, 0x1.aed289dcaacffp+0, 0x1.ab9c0df81657ap+0,
    0x1.a869b32d0f30fp+0, 0x1.a53b63556c69p+0, 0x1.a21108ad0592dp+0,
    0x1.9eea8dcdde951p+0, 0x1.9bc7ddac7035dp+0, 0x1.98a8e3940bbf4p+0,
    0x1.958d8b235828ap+0, 0x1.9275c048e73e1p+0, 0x1.8f616f3fe1513p+0,
    0x1.8c50848cc6094p+0, 0x1.8942ecfa40f54p+0, 0x1.86389596108e7p+0,
    0x1.83316badfe62ap+0, 0x1.802d5ccce7277p+0, 0x1.7d2c56b7d17f7p+0,
    0x1.7a2e476b1240ap+0, 0x1.77331d177d13p+0, 0x1.743ac61fa041cp+0,
    0x1.714531150a9fbp+0, 0x1.6e524cb59a608p+0, 0x1.6b6207e8d3cdfp+0,
    0x1.687451bd3ebeep+0, 0x1.65891965c9b8cp+0, 0x1.62a04e3731a2ep+0,
    0x1.5fb9dfa56cf26p+0, 0x1.5cd5bd4119335p+0, 0x1.59f3d6b4e9cf9p+0,
    0x1.57141bc316f27p+0, 0x1.54367c42cb5f8p+0, 0x1.515ae81d900fbp+0,
    0x1.4e814f4cb45eap+0, 0x1.4ba9a1d6b18a4p+0, 0x1.48d3cfcc883c4p+0,
    0x1.45ffc94716ca7p+0, 0x1.432d7e6466cdp+0, 0x1.405cdf44f09c4p+0,
    0x1.3d8ddc08d336ep+0, 0x1.3ac064ccfeffcp+0, 0x1.37f469a851afp+0,
    0x1.3529daa8a1ba1p+0, 0x1.3260a7cfb7611p+0, 0x1.2f98c11031721p+0,
    0x1.2cd2164a53b5dp+0, 0x1.2a0c9748bcdaap+0, 0x1.274833bd0189fp+0,
    0x1.2484db3c2a329p+0, 0x1.21c27d3b10e05p+0, 0x1.1f01090a9c4e2p+0,
    0x1.1c406dd3d5283p+0, 0x1.19809a93d2396p+0, 0x1.16c17e1777ffbp+0,
    0x1.140306f707dbep+0, 0x1.114523917ac15p+0, 0x1.0e87c207a2f66p+0,
    0x1.0bcad03710137p+0, 0x1.090e3bb4b0072p+0, 0x1.0651f1c7276f8p+0,
    0x1.0395df60db162p+0, 0x1.00d9f119a3cd9p+0, 0x1.fc3c26504a9a1p-1,
    0x1.f6c462b57feb5p-1, 0x1.f14c6e20294ap-1, 0x1.ebd41e5e21b62p-1,
    0x1.e65b483cf1044p-1, 0x1.e0e1bf77c31fep-1, 0x1.db6756a429057p-1,
    0x1.d5ebdf1d86b8dp-1, 0x1.d06f28ef0e6fbp-1, 0x1.caf102bc25adbp-1,
    0x1.c57139a70d29fp-1, 0x1.bfef99359fe99p-1, 0x1.ba6beb33f8f8ap-1,
    0x1.b4e5f794c979cp-1, 0x1.af5d844f224c9p-1, 0x1.a9d255396d261p-1,
    0x1.a4442be14884bp-1, 0x1.9eb2c75ff03bfp-1, 0x1.991de42ad1339p-1,
    0x1.93853bdfda245p-1, 0x1.8de8850d0c52ap-1, 0x1.884772f2be1ecp-1,
    0x1.82a1b53fed599p-1, 0x1.7cf6f7c7e8172p-1, 0x1.7746e23077973p-1,
    0x1.71911797990bbp-1, 0x1.6bd5362faa944p-1, 0x1.6612d6d0c68ep-1,
    0x1.60498c7dd2ecfp-1, 0x1.5a78e3db8befdp-1, 0x1.54a0629786f4dp-1,
    0x1.4ebf86bcd0b94p-1, 0x1.48d5c5f35e712p-1, 0x1.42e28ca706749p-1,
    0x1.3ce53d12162a1p-1, 0x1.36dd2e26d8203p-1, 0x1.30c9aa526da4cp-1,
    0x1.2aa9ee123680bp-1, 0x1.247d26538ff2fp-1, 0x1.1e426e93e49e7p-1,
    0x1.17f8ceb4bdfap-1, 0x1.119f38749f5afp-1, 0x1.0b348479b80fcp-1,
    0x1.04b76ed6a7558p-1, 0x1.fc4d25d683209p-2, 0x1.ef00ccf5f4faap-2,
    0x1.e186678f1735ap-2, 0x1.d3da24df17c36p-2, 0x1.c5f7bd78c3f8ap-2,
    0x1.b7da5dddda3c4p-2, 0x1.a97c8be5d5204p-2, 0x1.9ad80552237d2p-2,
    0x1.8be5954d3606fp-2, 0x1.7c9cdda17d01ap-2, 0x1.6cf40f0a72bbep-2,
    0x1.5cdf89d024ac4p-2, 0x1.4c515c60bfe22p-2, 0x1.3b388fe3d6ecap-2,
    0x1.2980290da2633p-2, 0x1.170db24d6f671p-2, 0x1.03bf049c65c3cp-2,
    0x1.decd8b76dbd99p-3, 0x1.b38d1ef79b7cdp-3, 0x1.85090fbc27a81p-3,
    0x1.522e6e54a2a75p-3, 0x1.19335a95b8dbcp-3, 0x1.ad6b2495b4d3p-4,
    0x1.0589d8b5d411fp-4, 0x0p+0,
};

/* The splitmix64 finalizer (Steele, Lea, Flood 2014): a bijective mix. */
static uint64_t splitmix64(uint64_t x)
{
    x += UINT64_C(0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

uint64_t rng_mix(uint64_t seed, uint64_t point, uint64_t rep,
                 uint64_t entity)
{
    uint64_t h = splitmix64(seed);

    h = splitmix64(h ^ point);
    h = splitmix64(h ^ rep);
    return splitmix64(h ^ entity);
}

uint32_t rng_fold32(uint64_t h)
{
    uint32_t s = (uint32_t)(h ^ (h >> 32));

    return s ? s : UINT32_C(0x6a09e667);
}

/*
 * One step of taus2 on its three 32-bit components: GSL's TAUSWORTHE macro
 * in 32-bit arithmetic, where its masks with 0xffffffff come for free.
 */
static inline uint32_t taus2_step(uint32_t *s1, uint32_t *s2, uint32_t *s3)
{
    *s1 = ((*s1 & UINT32_C(4294967294)) << 12) ^ (((*s1 << 13) ^ *s1) >> 19);
    *s2 = ((*s2 & UINT32_C(4294967288)) << 4) ^ (((*s2 << 2) ^ *s2) >> 25);
    *s3 = ((*s3 & UINT32_C(4294967280)) << 17) ^ (((*s3 << 3) ^ *s3) >> 11);
    return *s1 ^ *s2 ^ *s3;
}

/*
 * r's state, when it is three unsigned longs that taus2_step advances as
 * GSL does; NULL otherwise. Leaves r as it found it.
 */
static unsigned long *taus2_state(gsl_rng *r)
{
    unsigned long *s = gsl_rng_state(r), saved[3], want;
    uint32_t a, b, c, got;
    int same;

    if (gsl_rng_size(r) != sizeof(saved))
        return NULL;
    memcpy(saved, s, sizeof(saved));
    a = (uint32_t)s[0];
    b = (uint32_t)s[1];
    c = (uint32_t)s[2];
    got = taus2_step(&a, &b, &c);
    want = gsl_rng_get(r);
    same = got == want && a == s[0] && b == s[1] && c == s[2];
    memcpy(s, saved, sizeof(saved));
    return same ? s : NULL;
}

int rng_stream_init(struct rng_stream *st, uint64_t seed, uint64_t point,
                    uint64_t rep, uint64_t entity)
{
    memset(st, 0, sizeof(*st));
    st->r = gsl_rng_alloc(gsl_rng_taus2);
    if (!st->r)
        return -1;
    st->seed = rng_fold32(rng_mix(seed, point, rep, entity));
    gsl_rng_set(st->r, st->seed);
    st->taus = taus2_state(st->r);
    return 0;
}

void rng_stream_reseed(struct rng_stream *st, uint64_t seed, uint64_t point,
                       uint64_t rep, uint64_t entity, uint64_t index)
{
    /*
     * One more splitmix64 round after the four of rng_mix keeps index 0
     * apart from the stream of the coordinates themselves. gsl_rng_set
     * rewrites the state where it is, so st->taus, checked once at init,
     * still points at it with the same layout.
     */
    st->seed = rng_fold32(splitmix64(rng_mix(seed, point, rep, entity) ^
                                     index));
    gsl_rng_set(st->r, st->seed);
}

void rng_stream_release(struct rng_stream *st)
{
    if (st->r)
        gsl_rng_free(st->r);
    memset(st, 0, sizeof(*st));
}

/* 64 random bits: two outputs of taus2, stepped here or through GSL. */
static inline uint64_t raw64(struct rng_stream *st)
{
    unsigned long *t = st->taus;
    uint32_t s1, s2, s3;
    uint64_t hi;

    if (!t) {
        hi = (uint32_t)gsl_rng_get(st->r);
        return hi << 32 | (uint32_t)gsl_rng_get(st->r);
    }
    s1 = (uint32_t)t[0];
    s2 = (uint32_t)t[1];
    s3 = (uint32_t)t[2];
    hi = taus2_step(&s1, &s2, &s3);
    hi = hi << 32 | taus2_step(&s1, &s2, &s3);
    t[0] = s1;
    t[1] = s2;
    t[2] = s3;
    return hi;
}

/* A uniform double in [0, 1) with 53 random bits. */
static inline double uniform53(uint64_t bits)
{
    return (double)(bits >> 11) * 0x1p-53;
}

/* An Exp(1) variate by the ziggurat. */
static double exp1(struct rng_stream *st)
{
    double base = 0;

    for (;;) {
        uint64_t bits = raw64(st);
        unsigned i = (unsigned)(bits & 0xff);
        double x = uniform53(bits) * zig_x[i];
        double f_lo, f_hi;

        if (x < zig_x[i + 1])
            return base + x;    /* under the next layer's edge: accept */
        if (i == 0) {
            base += ZIG_R;      /* the tail: R + Exp(1) */
            continue;
        }
        /* The wedge between the edges: accept under the curve. */
        f_lo = exp(-zig_x[i]);
        f_hi = exp(-zig_x[i + 1]);
        if (f_lo + (f_hi - f_lo) * uniform53(raw64(st)) < exp(-x))
            return base + x;
    }
}

double rng_uniform_pos(struct rng_stream *st)
{
    return gsl_rng_uniform_pos(st->r);
}

double rng_exponential(struct rng_stream *st, double mean)
{
    return mean * exp1(st);
}

sim_time rng_exponential_ps(struct rng_stream *st, double mean_ps)
{
    /* Rounds half up: a tie has probability zero, and no libm call. */
    double x = mean_ps * exp1(st) + 0.5;

    if (x >= 18446744073709551615.0)
        return SIM_TIME_MAX;
    return (sim_time)x;
}
