/*
 * pv.c - Xen para-virtualization: a modified guest calls the hypervisor
 * (hypercalls) instead of executing privileged instructions, and its
 * split drivers pass I/O through shared rings and grants to a backend in
 * dom0, with event channels in place of interrupts. 64-bit PV guests run
 * their kernel in ring 3, so system calls and faults bounce through Xen.
 */
#include <math.h>

#include "models/cost_model.h"
#include "models/guest.h"

static void plan_compute(const struct param_set *p, const struct op *op,
                         struct demand_list *out)
{
    guest_compute(p, op, 1, 1, out);
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->syscalls,
               param(p, P_PV_SYSCALL_BOUNCE_CYCLES),
               "system call bounces through Xen (64-bit PV kernel runs in ring 3)");
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->page_faults,
               param(p, P_PV_FAULT_BOUNCE_CYCLES),
               "page fault enters Xen first, which reflects it to the guest");
    demand_add(out, RES_VCPU, CAT_VMEXIT, ceil(op->pt_updates / param(p, P_PV_PT_BATCH)),
               param(p, P_PV_HYPERCALL_CYCLES),
               "hypercall: mmu_update carries a batch of page-table writes");
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->pt_updates,
               param(p, P_PV_PT_VALIDATE_CYCLES),
               "Xen validates each page-table entry");
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->privileged,
               param(p, P_PV_HYPERCALL_CYCLES),
               "hypercall in place of a privileged instruction");
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->ctx_switches,
               param(p, P_PV_HYPERCALL_CYCLES),
               "hypercall: mmuext_op NEW_BASEPTR switches to a pinned page table");
}

static void plan_net(const struct param_set *p, const struct op *op,
                     struct demand_list *out)
{
    double packets = guest_net_packets(p, op->bytes);
    double notifies = packets / param(p, P_PV_RING_BATCH);

    if (op->kind == OP_NET_TX) {
        guest_net_stack(p, op, 1, out);
        guest_cycles(out, CAT_GUEST_KERNEL, packets,
                     param(p, P_PV_NETFRONT_CYCLES_PER_PACKET), 1,
                     "netfront puts the frame on the shared ring and grants its pages");
        demand_add(out, RES_VCPU, CAT_VMEXIT, notifies,
                   param(p, P_PV_HYPERCALL_CYCLES),
                   "hypercall: event-channel notify to netback");
    } else {
        guest_net_wire(p, op, "frames on the wire", out);
    }
    demand_add(out, RES_BACKEND, CAT_BACKEND, packets,
               param(p, P_PV_NETBACK_CYCLES_PER_PACKET),
               "dom0: physical driver, bridge and netback per frame");
    demand_add(out, RES_BACKEND, CAT_BACKEND, packets,
               op->bytes / packets * param(p, P_PV_GRANT_COPY_CYCLES_PER_BYTE),
               "dom0: grant copy between dom0 and guest memory, per frame");
    if (op->kind == OP_NET_TX) {
        guest_net_wire(p, op, "frames on the wire", out);
        demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, guest_net_irqs(),
                   "event channel: netback reports sent frames");
        return;
    }
    demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, guest_net_irqs(),
               "event channel: netback signals received frames");
    guest_cycles(out, CAT_GUEST_KERNEL, packets,
                 param(p, P_PV_NETFRONT_CYCLES_PER_PACKET), 1,
                 "netfront takes the frame off the shared ring");
    guest_net_stack(p, op, 1, out);
}

static void plan_disk(const struct param_set *p, const struct op *op,
                      struct demand_list *out)
{
    double ios = guest_disk_ios(p, op->bytes);

    guest_disk_stack(p, op, 1, out);
    guest_cycles(out, CAT_GUEST_KERNEL, ios,
                 param(p, P_PV_BLKFRONT_CYCLES_PER_IO), 1,
                 "blkfront queues the request on the shared ring");
    demand_add(out, RES_VCPU, CAT_VMEXIT, ios / param(p, P_PV_RING_BATCH),
               param(p, P_PV_HYPERCALL_CYCLES),
               "hypercall: event-channel notify to blkback");
    demand_add(out, RES_BACKEND, CAT_BACKEND, ios,
               param(p, P_PV_BLKBACK_CYCLES_PER_IO),
               "dom0: blkback turns the request into a host block I/O");
    demand_add(out, RES_BACKEND, CAT_BACKEND, guest_disk_pages(op->bytes),
               param(p, P_PV_GRANT_MAP_CYCLES_PER_PAGE),
               "dom0: grant map and unmap of each data page");
    guest_disk_device(p, op, 0, out);
    demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, ios,
               "event channel: blkback signals completion");
}

static void plan_irq(const struct param_set *p, const struct op *op,
                     struct demand_list *out)
{
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->count,
               param(p, P_PV_EVTCHN_UPCALL_CYCLES),
               "Xen takes the interrupt and upcalls the guest (event channel, no EOI trap)");
    if (op->kind == OP_TIMER)
        demand_add(out, RES_VCPU, CAT_VMEXIT, op->count,
                   param(p, P_PV_HYPERCALL_CYCLES),
                   "hypercall: set_timer_op re-arms the one-shot timer");
    guest_irq_handler(p, op, 1, out);
}

/* Para-virtualization as the lesson tells it. */
static const struct lesson_step steps[] = {
    {"hypercall", LESSON_CAT(CAT_VMEXIT),
     "the modified guest calls Xen directly (hypercalls, event-channel "
     "upcalls, the syscall bounce) instead of trapping"},
    {"split driver",
     LESSON_CAT(CAT_BACKEND) | LESSON_CAT(CAT_DEVICE_EMULATION) |
         LESSON_CAT(CAT_TRANSLATION),
     "dom0's backend does the I/O for the guest's frontend (grant copies, "
     "the physical driver)"},
    {"execute", LESSON_GUEST, "the guest's own work, natively"},
    {"device", LESSON_DEVICE, "time on the hardware: wire, card, disk"},
};

const struct cost_model_ops pv_model = {
    .name = "pv",
    .summary = "para-virtualization (Xen PV): hypercalls, split drivers (rings, grants), event channels",
    .lesson = "needs a modified guest: privileged work becomes hypercalls and I/O crosses dom0",
    .compute = plan_compute,
    .net = plan_net,
    .storage = plan_disk,
    .irq = plan_irq,
    .steps = steps,
    .nsteps = sizeof(steps) / sizeof(steps[0]),
};
