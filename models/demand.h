/*
 * demand.h - what a cost model plans an operation into: an ordered list of
 * demands (resource, amount, category), each with a one-line reason for
 * `virtsim explain`. The runner moves a request through its demands in
 * order; queueing at shared resources produces latency and throughput caps.
 * Categories (what the time is spent on) come from base/category.h.
 *
 * Callers own a demand_list; free it with demand_list_release. Reasons are
 * static strings, borrowed.
 */
#ifndef VIRTSIM_DEMAND_H
#define VIRTSIM_DEMAND_H

#include <stdbool.h>
#include <stddef.h>

#include "base/category.h"

/* Where a demand is served, and the unit of its amount. */
enum resource {
    RES_VCPU,           /* the guest's vCPUs (shared run queue): cycles */
    RES_BACKEND,        /* host backend threads (dom0 netback/blkback, vhost): cycles */
    RES_EMULATOR,       /* the device-model thread (QEMU-like): cycles */
    RES_NIC,            /* the NIC's wire at line rate: bytes */
    RES_CARD,           /* offload hardware (Nitro card, NIC engines): picoseconds */
    RES_DISK,           /* the storage device: picoseconds of device service */
    RES_STORAGE_NET,    /* network-attached storage round trip (EBS): picoseconds */
    RES_IRQ,            /* device interrupts, expanded by the irq path model: count */
    RES_COUNT
};

/*
 * On resources shared between guests and served in turns (RES_BACKEND,
 * RES_CARD, RES_NIC), count must be frames or requests, the units a turn is
 * made of: a per-byte cost is written per frame (count = frames, unit =
 * bytes per frame x cost per byte).
 */
struct demand {
    enum resource res;
    enum category cat;
    double count;       /* how many times the unit cost applies (may be fractional) */
    double unit;        /* amount per occurrence, in the resource's unit */
    double amount;      /* count * unit */
    const char *why;    /* static one-line reason */
    bool net_irq;       /* part of a network interrupt's plan, which the
                           machine coalesces at run time (models/napi.h) */
};

struct demand_list {
    struct demand *d;
    size_t len, cap;
};

/* An empty list. */
void demand_list_init(struct demand_list *l);

/* Frees the storage; l is left as after demand_list_init. */
void demand_list_release(struct demand_list *l);

/* Empties the list, keeping its storage. */
void demand_list_clear(struct demand_list *l);

/* Makes room for n demands in all. */
void demand_list_reserve(struct demand_list *l, size_t n);

/* Appends a copy of src's demands. */
void demand_list_append(struct demand_list *l, const struct demand_list *src);

/* Replaces demand i by src's demands (none: removes it), in order. */
void demand_list_replace(struct demand_list *l, size_t i,
                         const struct demand_list *src);

/*
 * Appends count * unit on resource res. Demands with a zero amount are
 * skipped (a model need not test before adding). Returns 0. In line: the
 * cost models call it for every demand of every op.
 */
static inline int demand_add(struct demand_list *l, enum resource res,
                             enum category cat, double count, double unit,
                             const char *why)
{
    struct demand *d;

    if (!(count * unit > 0))
        return 0;
    if (l->len == l->cap)
        demand_list_reserve(l, l->len + 1);
    d = &l->d[l->len++];
    d->res = res;
    d->cat = cat;
    d->count = count;
    d->unit = unit;
    d->amount = count * unit;
    d->why = why;
    d->net_irq = false;
    return 0;
}

/* Name of a resource ("vcpu", "backend", ...) and of its unit ("cycles", ...). */
const char *resource_name(enum resource r);
const char *resource_unit(enum resource r);

#endif
