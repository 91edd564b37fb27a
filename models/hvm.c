/*
 * hvm.c - hardware-assisted virtualization (VT-x/AMD-V with EPT): guest
 * code runs natively; what costs is every VM exit (a world switch plus a
 * handler) and the 2-D page walks of nested paging. Devices are
 * virtio-style (a kick exit to a host backend: vhost-net in the host
 * kernel, virtio-blk in the guest's QEMU I/O thread, as on a KVM host);
 * interrupts are posted (APICv, no exits) or injected with an exit to
 * deliver and one to EOI. Address-space switches cost nothing extra: with
 * EPT, CR3 loads do not exit.
 */
#include "models/cost_model.h"
#include "models/guest.h"
#include "models/hvm.h"

static void plan_compute(const struct param_set *p, const struct op *op,
                         struct demand_list *out)
{
    guest_compute(p, op, 1, 1, out);
    demand_add(out, RES_VCPU, CAT_TRANSLATION, 1,
               op->cycles * param(p, P_HVM_TLB_OVERHEAD),
               "TLB misses walk guest and nested (EPT) page tables");
    demand_add(out, RES_VCPU, CAT_TRANSLATION, op->page_faults,
               param(p, P_HVM_EXTRA_WALK_REFS) * param(p, P_MEM_WALK_REF_CYCLES),
               "2-D page walk on fault: 24 memory references instead of 4");
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->privileged,
               param(p, P_HVM_KERNEL_EXIT_CYCLES),
               "VM exit: privileged instruction (cpuid, wrmsr) trapped to the hypervisor");
}

static void plan_net(const struct param_set *p, const struct op *op,
                     struct demand_list *out)
{
    double packets = guest_net_packets(p, op->bytes);
    double kicks = packets / param(p, P_HVM_PACKETS_PER_KICK);

    if (op->kind == OP_NET_TX) {
        guest_net_stack(p, op, 1, out);
        guest_net_driver(p, op, 1, out);
        demand_add(out, RES_VCPU, CAT_VMEXIT, kicks,
                   param(p, P_HVM_KERNEL_EXIT_CYCLES),
                   "VM exit: virtio kick (queue notify) to the host");
        demand_add(out, RES_BACKEND, CAT_BACKEND, kicks,
                   param(p, P_HVM_NOTIFY_CYCLES),
                   "ioeventfd wakes the vhost thread");
        demand_add(out, RES_BACKEND, CAT_BACKEND, packets,
                   param(p, P_HVM_VHOST_CYCLES_PER_PACKET),
                   "host vhost backend moves the frame to the physical NIC");
        guest_net_wire(p, op, "frames on the wire", out);
        demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1,
                   guest_net_irqs(), "transmit-completion interrupts");
        return;
    }
    guest_net_wire(p, op, "frames on the wire", out);
    demand_add(out, RES_BACKEND, CAT_BACKEND, packets,
               param(p, P_HVM_VHOST_CYCLES_PER_PACKET),
               "host vhost backend copies the frame into the guest's ring");
    demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, guest_net_irqs(),
               "receive interrupts injected by the host");
    guest_net_driver(p, op, 1, out);
    guest_net_stack(p, op, 1, out);
}

static void plan_disk(const struct param_set *p, const struct op *op,
                      struct demand_list *out)
{
    double ios = guest_disk_ios(p, op->bytes);

    guest_disk_stack(p, op, 1, out);
    demand_add(out, RES_VCPU, CAT_VMEXIT, ios,
               param(p, P_HVM_KERNEL_EXIT_CYCLES),
               "VM exit: virtio-blk kick to the host");
    demand_add(out, RES_EMULATOR, CAT_BACKEND, ios,
               param(p, P_HVM_NOTIFY_CYCLES),
               "ioeventfd wakes the guest's QEMU I/O thread");
    demand_add(out, RES_EMULATOR, CAT_BACKEND, ios,
               param(p, P_HVM_VHOST_CYCLES_PER_IO),
               "QEMU's I/O thread submits the request to the host");
    guest_disk_device(p, op, 0, out);
    demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, ios,
               "completion interrupt");
}

void hvm_irq_injected(const struct param_set *p, const struct op *op,
                      struct demand_list *out)
{
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->count,
               param(p, P_HVM_KERNEL_EXIT_CYCLES),
               op->kind == OP_TIMER
                   ? "VM exit: timer fires, hypervisor injects the tick"
                   : "VM exit: external interrupt, hypervisor injects it");
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->count,
               param(p, P_HVM_EOI_CYCLES),
               "VM exit: EOI write to the virtual APIC");
    guest_irq_handler(p, op, 1, out);
}

/* Interrupts and timers: posted (no exits) or injected with exits. */
static void plan_irq(const struct param_set *p, const struct op *op,
                     struct demand_list *out)
{
    if (param(p, P_HVM_POSTED_INTERRUPTS) == 0) {
        hvm_irq_injected(p, op, out);
        return;
    }
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->count,
               param(p, P_HVM_POSTED_IRQ_CYCLES),
               "posted interrupt: delivered by hardware, no VM exit");
    guest_irq_handler(p, op, 1, out);
}

/* Hardware-assisted virtualization as the lesson tells it. */
static const struct lesson_step steps[] = {
    {"trap", LESSON_CAT(CAT_VMEXIT),
     "VM exits: the CPU leaves the guest for the hypervisor (costed as "
     "round trips, entry included)"},
    {"redirect",
     LESSON_CAT(CAT_DEVICE_EMULATION) | LESSON_CAT(CAT_BACKEND) |
         LESSON_CAT(CAT_TRANSLATION),
     "the hypervisor, device model or host backend handles the exit"},
    {"execute", LESSON_GUEST, "the guest's own work, natively"},
    {"resume", 0,
     "VM entry back into the guest: part of each exit's round trip, no "
     "figure of its own"},
    {"device", LESSON_DEVICE, "time on the hardware: wire, card, disk"},
};

const struct cost_model_ops hvm_model = {
    .name = "hvm",
    .summary = "hardware-assisted (VT-x/AMD-V, EPT): VM exits, 2-D page walks, virtio devices, posted interrupts",
    .lesson = "guest code runs natively; only exits cost, and posted interrupts remove most of them",
    .compute = plan_compute,
    .net = plan_net,
    .storage = plan_disk,
    .irq = plan_irq,
    .steps = steps,
    .nsteps = sizeof(steps) / sizeof(steps[0]),
};
