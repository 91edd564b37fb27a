/*
 * emulation.c - full emulation: guest code runs under binary translation
 * (user code several times slower, kernel code more), the MMU is
 * virtualized with shadow page tables, and every device is a software
 * model whose registers trap on each access.
 */
#include "models/cost_model.h"
#include "models/guest.h"

static double user_slow(const struct param_set *p)
{
    return param(p, P_EMU_USER_SLOWDOWN);
}

static double kernel_slow(const struct param_set *p)
{
    return param(p, P_EMU_KERNEL_SLOWDOWN);
}

static void plan_compute(const struct param_set *p, const struct op *op,
                         struct demand_list *out)
{
    guest_compute(p, op, user_slow(p), kernel_slow(p), out);
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->page_faults,
               param(p, P_EMU_SHADOW_FAULT_CYCLES),
               "hidden fault: the monitor syncs its shadow page table");
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->pt_updates,
               param(p, P_EMU_SHADOW_PT_UPDATE_CYCLES),
               "traced write to a guest page table updates the shadow");
    demand_add(out, RES_VCPU, CAT_TRANSLATION, op->privileged,
               param(p, P_EMU_PRIVILEGED_CYCLES),
               "privileged instruction emulated by the translator");
}

/* The guest driver's trapped register accesses for `n` frames or requests. */
static void device_traps(const struct param_set *p, double n,
                         enum param_id per, struct demand_list *out,
                         const char *why)
{
    demand_add(out, RES_VCPU, CAT_DEVICE_EMULATION, n * param(p, per),
               param(p, P_EMU_TRAP_CYCLES), why);
}

static void plan_net(const struct param_set *p, const struct op *op,
                     struct demand_list *out)
{
    double packets = guest_net_packets(p, op->bytes);
    int tx = op->kind == OP_NET_TX;

    if (tx) {
        guest_net_stack(p, op, kernel_slow(p), out);
        guest_net_driver(p, op, kernel_slow(p), out);
        device_traps(p, packets, P_EMU_NIC_TRAPS_PER_PACKET, out,
                     "trap: guest driver writes an emulated NIC register");
    } else {
        guest_net_wire(p, op, "frames on the wire", out);
        demand_add(out, RES_BACKEND, CAT_BACKEND, packets,
                   param(p, P_EMU_HOST_STACK_CYCLES_PER_PACKET),
                   "host stack: physical driver, bridge and tap device");
    }
    demand_add(out, RES_EMULATOR, CAT_DEVICE_EMULATION, packets,
               param(p, P_EMU_NIC_MODEL_CYCLES_PER_PACKET),
               "device model emulates the NIC: descriptors, checksum");
    demand_add(out, RES_EMULATOR, CAT_DEVICE_EMULATION, op->bytes,
               param(p, P_EMU_COPY_CYCLES_PER_BYTE),
               "device model copies the frame");
    if (tx) {
        demand_add(out, RES_BACKEND, CAT_BACKEND, packets,
                   param(p, P_EMU_HOST_STACK_CYCLES_PER_PACKET),
                   "host stack: tap device, bridge and physical driver");
        guest_net_wire(p, op, "frames on the wire", out);
        demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1,
                   guest_net_irqs(p, packets), "transmit-completion interrupts");
        return;
    }
    demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, guest_net_irqs(p, packets),
               "receive interrupts raised by the device model");
    device_traps(p, packets, P_EMU_NIC_TRAPS_PER_PACKET, out,
                 "trap: guest driver reads an emulated NIC register");
    guest_net_driver(p, op, kernel_slow(p), out);
    guest_net_stack(p, op, kernel_slow(p), out);
}

static void plan_disk(const struct param_set *p, const struct op *op,
                      struct demand_list *out)
{
    double ios = guest_disk_ios(p, op->bytes);

    guest_disk_stack(p, op, kernel_slow(p), out);
    device_traps(p, ios, P_EMU_DISK_TRAPS_PER_IO, out,
                 "trap: guest programs an emulated IDE register");
    demand_add(out, RES_EMULATOR, CAT_DEVICE_EMULATION, ios,
               param(p, P_EMU_DISK_MODEL_CYCLES_PER_IO),
               "device model emulates the disk controller");
    demand_add(out, RES_EMULATOR, CAT_DEVICE_EMULATION, op->bytes,
               param(p, P_EMU_COPY_CYCLES_PER_BYTE),
               "device model copies the data");
    guest_disk_device(p, op, 0, out);
    demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, ios,
               "completion interrupt raised by the device model");
}

static void plan_irq(const struct param_set *p, const struct op *op,
                     struct demand_list *out)
{
    demand_add(out, RES_EMULATOR, CAT_DEVICE_EMULATION, op->count,
               param(p, P_EMU_IRQ_INJECT_CYCLES),
               op->kind == OP_TIMER
                   ? "emulated timer fires; the interrupt controller model injects it"
                   : "emulated interrupt controller raises and injects the interrupt");
    demand_add(out, RES_VCPU, CAT_DEVICE_EMULATION, op->count,
               param(p, P_EMU_TRAP_CYCLES),
               "trap: EOI write to the emulated interrupt controller");
    guest_irq_handler(p, op, kernel_slow(p), out);
}

const struct cost_model_ops emulation_model = {
    .name = "emulation",
    .summary = "full emulation: binary translation, shadow page tables, trapping device models",
    .lesson = "every guest instruction is translated and every device register access traps",
    .compute = plan_compute,
    .net = plan_net,
    .storage = plan_disk,
    .irq = plan_irq,
};
