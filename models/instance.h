/*
 * instance.h - an EC2-like instance profile: the modeled hardware a guest
 * gets (vCPUs, clock, memory, network and EBS allowances, local NVMe), its
 * price, its burstable-credit rules and the generation it runs under by
 * default. The catalog (catalog.c) holds the shipped profiles; scenarios
 * derive inline ones from them. Plain values: profiles copy by assignment.
 */
#ifndef VIRTSIM_INSTANCE_H
#define VIRTSIM_INSTANCE_H

#include <stdbool.h>

#define INSTANCE_NAME_MAX 32

/* Burstable CPU credits (t2, t3); all zero for fixed-performance instances. */
struct credit_rules {
    double credits_per_hour;        /* earned; 1 credit = 1 vCPU-minute at 100% */
    double max_credits;             /* accrual cap (24 h of earnings) */
    double baseline_per_vcpu;       /* fraction 0..1 of one vCPU */
    double launch_credits;          /* at launch (T2 standard); not capped */
    bool unlimited;                 /* default mode: T3 unlimited, T2 standard */
    double surplus_usd_per_vcpu_hour;
};

struct instance_profile {
    char name[INSTANCE_NAME_MAX];   /* "c5n.large" */
    char family[16];                /* "c5n" */
    unsigned vcpus;
    double memory_gib;
    double cpu_ghz;                 /* sustained clock; see clock_source */
    const char *clock_source;       /* static string: where cpu_ghz came from */
    double net_baseline_gbps;
    double net_burst_gbps;          /* 0 when the size has no burst */
    double ebs_baseline_mbps;       /* megabits/s; 0 when not EBS-optimized */
    double ebs_max_mbps;
    double ebs_baseline_iops;       /* 16 KiB IOPS; 0 when unknown */
    double ebs_max_iops;
    double local_read_iops;         /* 4 KiB instance-store NVMe; 0 when none */
    double local_write_iops;
    char generation[24];            /* default generation: "nitro", "xen-pvhvm", ... */
    const char *hypervisor;         /* static string as published: "Nitro", "Xen" */
    const char *enhanced_networking;/* static: "ENA", "Intel 82599 VF", "none" */
    const char *processor;          /* static */
    const char *cpu_vendor;         /* static: "Intel", "AMD", "AWS" */
    const char *arch;               /* static: "x86_64", "arm64" */
    const char *clock_status;       /* static: V/S/R/D/C (models/params.def) */
    /*
     * Work one cycle of this processor does, relative to the reference core
     * (Skylake-class, which models/params.def's cycle figures assume): a
     * workload's cycles are reference-core cycles, so they take
     * cycles / (cpu_ghz * 1e9 * work_per_cycle) seconds. 0 reads as 1.
     */
    double work_per_cycle;
    const char *work_per_cycle_status;  /* static: V/S/R/D/C */
    const char *work_per_cycle_source;  /* static */
    const char *ena_express;        /* static: "yes", "no" or "unknown" */
    bool efa;                       /* Elastic Fabric Adapter supported */
    double usd_per_hour;            /* on-demand, us-east-1 Linux; 0: unknown */
    bool burstable;
    struct credit_rules credits;
};

#endif
