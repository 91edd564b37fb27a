/*
 * op.h - one operation of a request: the shared vocabulary of workloads
 * (which generate ops) and cost models (which plan them into demands on
 * modeled resources). The engine carries ops but does not interpret them.
 */
#ifndef VIRTSIM_OP_H
#define VIRTSIM_OP_H

#include <stdint.h>

enum op_kind {
    OP_COMPUTE,         /* cycles of guest work plus counted kernel events */
    OP_NET_RX,          /* receive `bytes` from the network */
    OP_NET_TX,          /* send `bytes` */
    OP_DISK_READ,       /* read `bytes` from the block device */
    OP_DISK_WRITE,      /* write `bytes` */
    OP_SLEEP,           /* wait `sleep_ps` without using a resource */
    OP_IRQ,             /* `count` device interrupts delivered to the guest */
    OP_TIMER,           /* `count` timer ticks */
    OP_KIND_COUNT
};

struct op {
    enum op_kind kind;
    double cycles;          /* OP_COMPUTE: user-mode cycles at native speed */
    double syscalls;        /* OP_COMPUTE: counts of kernel events */
    double page_faults;
    double pt_updates;
    double privileged;      /* privileged instructions (cpuid, wrmsr, ...) */
    double ctx_switches;    /* address-space switches (a CR3 load each) */
    double bytes;           /* OP_NET_*, OP_DISK_* */
    double count;           /* OP_IRQ, OP_TIMER: how many */
    uint64_t sleep_ps;      /* OP_SLEEP */
};

/*
 * The paths an operation travels through a virtualization mode, each
 * served by a cost model; in this order everywhere (results, generations).
 */
enum path {
    PATH_CPU,           /* cpu & memory */
    PATH_NET,           /* network I/O */
    PATH_STORAGE,       /* storage I/O */
    PATH_IRQ,           /* interrupts & timers */
    PATH_COUNT
};

/* Name of a path as in results: "cpu", "net", "storage", "irq". */
const char *path_name(enum path p);

/* The user-facing names of the kinds, indexed by kind (for did-you-mean). */
extern const char *const op_kind_names[OP_KIND_COUNT];

/* The user-facing name of a kind ("compute", "net_rx", ...). */
const char *op_kind_name(enum op_kind k);

/* The kind called `name`, or -1. */
int op_kind_from_name(const char *name);

#endif
