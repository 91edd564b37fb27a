/*
 * native.c - bare metal: the guest's own work and the devices, nothing
 * between them. The baseline every other mode is measured against.
 */
#include "models/cost_model.h"
#include "models/guest.h"

static void native_plan(const struct param_set *p, const struct op *op,
                        struct demand_list *out)
{
    double packets;

    switch (op->kind) {
    case OP_COMPUTE:
        guest_compute(p, op, 1, 1, out);
        break;
    case OP_NET_TX:
        packets = guest_net_packets(p, op->bytes);
        guest_net_stack(p, op, 1, out);
        guest_net_driver(p, op, 1, out);
        guest_net_wire(p, op, "frames on the wire", out);
        demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1,
                   guest_net_irqs(p, packets), "transmit-completion interrupts");
        break;
    case OP_NET_RX:
        packets = guest_net_packets(p, op->bytes);
        guest_net_wire(p, op, "frames on the wire", out);
        demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1,
                   guest_net_irqs(p, packets), "receive interrupts");
        guest_net_driver(p, op, 1, out);
        guest_net_stack(p, op, 1, out);
        break;
    case OP_DISK_READ:
    case OP_DISK_WRITE:
        guest_disk_stack(p, op, 1, out);
        guest_cycles(out, CAT_GUEST_KERNEL, guest_disk_ios(p, op->bytes),
                     param(p, P_DISK_NVME_DRIVER_CYCLES), 1,
                     "NVMe submission and completion");
        /* Bare-metal EC2 still reaches EBS through the Nitro card. */
        guest_disk_device(p, op, 1, out);
        demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1,
                   guest_disk_ios(p, op->bytes), "completion interrupt");
        break;
    case OP_IRQ:
    case OP_TIMER:
        guest_irq_handler(p, op, 1, out);
        break;
    case OP_SLEEP:
    case OP_KIND_COUNT:
        break;
    }
}

const struct cost_model_ops native_model = {
    .name = "native",
    .summary = "bare metal: no hypervisor; the guest's own work and the devices",
    .lesson = "the baseline: every other mode adds to this",
    .plan = native_plan,
};
