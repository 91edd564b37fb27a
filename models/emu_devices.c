/*
 * emu_devices.c - software device models and the guest's traps into them,
 * shared by the modes whose devices are emulated.
 */
#include "models/emu_devices.h"

#include "models/guest.h"

void emu_cpu_translated(const struct param_set *p, struct emu_cpu *c)
{
    c->kernel_slowdown = param(p, P_EMU_KERNEL_SLOWDOWN);
    c->trap = P_EMU_TRAP_CYCLES;
    c->trap_cat = CAT_DEVICE_EMULATION;
}

void emu_cpu_hardware(struct emu_cpu *c)
{
    c->kernel_slowdown = 1;
    c->trap = P_HVM_USER_EXIT_CYCLES;
    c->trap_cat = CAT_VMEXIT;
}

/* The guest driver's trapped register accesses for `n` frames or requests. */
static void device_traps(const struct param_set *p, const struct emu_cpu *c,
                         double n, enum param_id per, struct demand_list *out,
                         const char *why)
{
    demand_add(out, RES_VCPU, c->trap_cat, n * param(p, per),
               param(p, c->trap), why);
}

void emu_plan_net(const struct param_set *p, const struct emu_cpu *c,
                  const struct op *op, struct demand_list *out)
{
    double packets = guest_net_packets(p, op->bytes);
    int tx = op->kind == OP_NET_TX;

    if (tx) {
        guest_net_stack(p, op, c->kernel_slowdown, out);
        guest_net_driver(p, op, c->kernel_slowdown, out);
        device_traps(p, c, packets, P_EMU_NIC_TRAPS_PER_PACKET, out,
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
                   guest_net_irqs(), "transmit-completion interrupts");
        return;
    }
    demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, guest_net_irqs(),
               "receive interrupts raised by the device model");
    device_traps(p, c, packets, P_EMU_NIC_TRAPS_PER_PACKET, out,
                 "trap: guest driver reads an emulated NIC register");
    guest_net_driver(p, op, c->kernel_slowdown, out);
    guest_net_stack(p, op, c->kernel_slowdown, out);
}

void emu_plan_disk(const struct param_set *p, const struct emu_cpu *c,
                   const struct op *op, struct demand_list *out)
{
    double ios = guest_disk_ios(p, op->bytes);

    guest_disk_stack(p, op, c->kernel_slowdown, out);
    device_traps(p, c, ios, P_EMU_DISK_TRAPS_PER_IO, out,
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
