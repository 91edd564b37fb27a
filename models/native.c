/*
 * native.c - bare metal: the guest's own work and the devices, nothing
 * between them. The baseline every other mode is measured against.
 */
#include "models/cost_model.h"
#include "models/guest.h"

static void plan_compute(const struct param_set *p, const struct op *op,
                         struct demand_list *out)
{
    guest_compute(p, op, 1, 1, out);
}

static void plan_net(const struct param_set *p, const struct op *op,
                     struct demand_list *out)
{
    double irqs = guest_net_irqs();

    if (op->kind == OP_NET_TX) {
        guest_net_stack(p, op, 1, out);
        guest_net_driver(p, op, 1, out);
        guest_net_wire(p, op, "frames on the wire", out);
        demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, irqs,
                   "transmit-completion interrupts");
        return;
    }
    guest_net_wire(p, op, "frames on the wire", out);
    demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, irqs, "receive interrupts");
    guest_net_driver(p, op, 1, out);
    guest_net_stack(p, op, 1, out);
}

static void plan_disk(const struct param_set *p, const struct op *op,
                      struct demand_list *out)
{
    guest_nvme_io(p, op, "NVMe submission and completion", out);
}

static void plan_irq(const struct param_set *p, const struct op *op,
                     struct demand_list *out)
{
    guest_irq_handler(p, op, 1, out);
}

/* Bare metal, the reference. */
static const struct lesson_step steps[] = {
    {"execute", LESSON_GUEST | LESSON_CAT(CAT_VMEXIT),
     "the kernel and the application run on the hardware: nothing between"},
    {"device", LESSON_DEVICE, "time on the hardware: wire, card, disk"},
};

const struct cost_model_ops native_model = {
    .name = "native",
    .summary = "bare metal: no hypervisor; the guest's own work and the devices",
    .lesson = "the baseline: every other mode adds to this",
    .compute = plan_compute,
    .net = plan_net,
    .storage = plan_disk,
    .irq = plan_irq,
    .steps = steps,
    .nsteps = sizeof(steps) / sizeof(steps[0]),
};
