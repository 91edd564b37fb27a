/*
 * category.h - what simulated time is spent on: the CPU categories of
 * ARCHITECTURE.md, plus time on devices. Cost models tag each demand with
 * one; results report CPU seconds by the categories before CAT_DEVICE, in
 * this order everywhere, under these names.
 */
#ifndef VIRTSIM_CATEGORY_H
#define VIRTSIM_CATEGORY_H

enum category {
    CAT_GUEST_USER,     /* the workload's own code, as on bare metal */
    CAT_GUEST_KERNEL,   /* the guest kernel's work, as on bare metal */
    CAT_VMEXIT,         /* hardware transitions and hypervisor handlers */
    CAT_TRANSLATION,    /* binary translation / instruction emulation */
    CAT_DEVICE_EMULATION, /* device models */
    CAT_BACKEND,        /* dom0 / vhost / host-side driver work */
    CAT_OFFLOAD,        /* work done by NIC or Nitro card hardware: no host CPU */
    CAT_DEVICE,         /* time on a device (wire, disk, storage): not CPU; last */
    CAT_COUNT
};

/* Name of a category as in results ("guest_user", "vmexit", ...). */
const char *category_name(enum category c);

/* True when the category counts as host CPU time (all but offload and device). */
int category_is_cpu(enum category c);

#endif
