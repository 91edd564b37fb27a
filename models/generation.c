/*
 * generation.c - the generations, from full emulation to Nitro,
 * Firecracker and bare metal. The interrupts column of the Xen HVM rows reads PV event
 * channels (PVHVM), as ARCHITECTURE.md does; calibration.md 1.9 records
 * the alternative reading of Gregg's image.
 */
#include "models/generation.h"

#include <string.h>

static const struct generation generations[] = {
    {"emulated", "fully emulated", "before hardware assistance (QEMU TCG, Bochs)",
     {"emulation", "emulation", "emulation", "emulation"}, NULL},
    {"vmware-bt", "binary translation", "VMware Workstation and ESX before VT-x (1999-)",
     {"bt", "emulation", "emulation", "emulation"}, NULL},
    {"xen-pv", "Xen PV", "EC2 paravirtual AMIs (m1, c1, 2006-)",
     {"pv", "pv", "pv", "pv"}, NULL},
    {"vtx-shadow", "VT-x without EPT", "first hardware assistance, shadow page tables (2005-2008)",
     {"vtx-shadow", "hvm-emulated", "hvm-emulated", "hvm-emulated"}, NULL},
    {"xen-hvm", "Xen HVM", "early HVM AMIs with emulated devices",
     {"hvm", "hvm-emulated", "hvm-emulated", "hvm-emulated"}, NULL},
    {"xen-pvhvm", "Xen HVM + PV drivers", "HVM AMIs with PV drivers (t2)",
     {"hvm", "pv", "pv", "pv"}, NULL},
    {"xen-sriov-net", "Xen + SR-IOV networking", "enhanced networking (c3, c4, m4; 2013-)",
     {"hvm", "sriov", "pv", "pv"}, NULL},
    {"xen-sriov-net-disk", "Xen + SR-IOV networking and storage", "i3 NVMe instance store (2017)",
     {"hvm", "sriov", "sriov", "pv"}, NULL},
    {"kvm", "KVM/QEMU with virtio", "a Linux KVM host: vhost-net, virtio-blk in QEMU's I/O thread",
     {"hvm", "hvm", "hvm", "hvm"}, NULL},
    {"nitro", "Nitro", "c5, m5, t3 and later (2017-): posted interrupts",
     {"hvm", "sriov", "sriov", "hvm"}, NULL},
    {"firecracker", "Firecracker microVM", "AWS Lambda and Fargate (2018-): KVM, virtio-mmio in one VMM thread",
     {"hvm", "fc-virtio", "fc-virtio", "hvm"}, NULL},
    {"metal", "bare metal", "*.metal (2017-): no hypervisor",
     {"native", "native", "native", "native"}, NULL},
};

#define N_GENERATIONS (sizeof(generations) / sizeof(generations[0]))

enum path path_of_op(enum op_kind k)
{
    switch (k) {
    case OP_NET_RX:
    case OP_NET_TX:
        return PATH_NET;
    case OP_DISK_READ:
    case OP_DISK_WRITE:
        return PATH_STORAGE;
    case OP_IRQ:
    case OP_TIMER:
        return PATH_IRQ;
    case OP_COMPUTE:
    case OP_SLEEP:
    case OP_KIND_COUNT:
        break;
    }
    return PATH_CPU;
}

size_t generation_count(void)
{
    return N_GENERATIONS;
}

const struct generation *generation_at(size_t i)
{
    return i < N_GENERATIONS ? &generations[i] : NULL;
}

const struct generation *generation_find(const char *name, struct diag *dg)
{
    const char *names[N_GENERATIONS];
    size_t i;

    for (i = 0; i < N_GENERATIONS; i++) {
        if (!strcmp(generations[i].name, name))
            return &generations[i];
        names[i] = generations[i].name;
    }
    diag_unknown(dg, "generation", name, names, N_GENERATIONS, NULL);
    return NULL;
}
