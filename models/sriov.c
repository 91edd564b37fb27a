/*
 * sriov.c - SR-IOV direct I/O (EC2 enhanced networking, ENA, Nitro NVMe):
 * the guest drives a virtual function of the device itself; frames and
 * blocks move by DMA, and the offload card does the host's share in
 * hardware. No host CPU per packet; what remains is interrupt delivery,
 * which belongs to the interrupt path (exiting under Xen, posted on Nitro).
 */
#include "models/cost_model.h"
#include "models/guest.h"

static void plan_net(const struct param_set *p, const struct op *op,
                     struct demand_list *out)
{
    double packets = guest_net_packets(p, op->bytes);

    if (op->kind == OP_NET_TX) {
        guest_net_stack(p, op, 1, out);
        guest_net_driver(p, op, 1, out);
    }
    demand_add(out, RES_CARD, CAT_OFFLOAD, packets,
               param(p, P_SRIOV_CARD_NS_PER_PACKET) * 1e3,
               "offload card: VPC encapsulation in hardware, no host CPU");
    guest_net_wire(p, op, "frames on the wire, DMA straight to and from guest memory", out);
    demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, guest_net_irqs(),
               op->kind == OP_NET_TX ? "virtual-function transmit-completion interrupts"
                                     : "virtual-function receive interrupts");
    if (op->kind == OP_NET_RX) {
        guest_net_driver(p, op, 1, out);
        guest_net_stack(p, op, 1, out);
    }
}

static void plan_disk(const struct param_set *p, const struct op *op,
                      struct demand_list *out)
{
    guest_nvme_io(p, op, "NVMe driver rings the virtual function's doorbell directly", out);
}

/* SR-IOV concerns devices; CPU work runs as on the hardware. */
static void plan_compute(const struct param_set *p, const struct op *op,
                         struct demand_list *out)
{
    guest_compute(p, op, 1, 1, out);
}

/* Delivering a virtual function's MSI is the CPU virtualization's business. */
static void plan_irq(const struct param_set *p, const struct op *op,
                     struct demand_list *out)
{
    cost_model_plan(&hvm_model, p, op, out);
}

/* SR-IOV as the lesson tells it. */
static const struct lesson_step steps[] = {
    {"execute", LESSON_GUEST,
     "the guest drives its virtual function itself, natively"},
    {"interrupt",
     LESSON_CAT(CAT_VMEXIT) | LESSON_CAT(CAT_DEVICE_EMULATION) |
         LESSON_CAT(CAT_BACKEND) | LESSON_CAT(CAT_TRANSLATION),
     "delivering the function's interrupts: posted by hardware, or an "
     "exit, as the CPU mode does it"},
    {"device", LESSON_DEVICE,
     "DMA, the wire and the offload card: hardware, no host CPU"},
};

const struct cost_model_ops sriov_model = {
    .name = "sriov",
    .summary = "SR-IOV direct I/O (ENA, Nitro NVMe): virtual functions, DMA, offload card",
    .lesson = "the guest drives the device itself: no host CPU per packet, so latency stays flat under load",
    .compute = plan_compute,
    .net = plan_net,
    .storage = plan_disk,
    .irq = plan_irq,
    .steps = steps,
    .nsteps = sizeof(steps) / sizeof(steps[0]),
};
