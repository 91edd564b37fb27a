/*
 * fc_virtio.c - Firecracker's devices: virtio-net and virtio-block over
 * virtio-mmio, served by the microVM's own VMM thread in user space (one
 * per microVM: the machine's device-model thread). A queue notify is a
 * VM exit that KVM turns into an ioeventfd signal without leaving the
 * kernel, and the VMM raises interrupts through an irqfd (Firecracker's
 * device_manager/mmio.rs registers both per device); the VMM thread then
 * moves the data through a tap device or the backing file. Its per-byte
 * costs come from Firecracker's own published figures (SPECIFICATION.md).
 */
#include "models/cost_model.h"
#include "models/guest.h"

static void kick(const struct param_set *p, double kicks, const char *why,
                 struct demand_list *out)
{
    demand_add(out, RES_VCPU, CAT_VMEXIT, kicks,
               param(p, P_HVM_KERNEL_EXIT_CYCLES), why);
    demand_add(out, RES_EMULATOR, CAT_DEVICE_EMULATION, kicks,
               param(p, P_HVM_NOTIFY_CYCLES),
               "ioeventfd wakes the microVM's VMM thread");
}

static void plan_net(const struct param_set *p, const struct op *op,
                     struct demand_list *out)
{
    double packets = guest_net_packets(p, op->bytes);
    double irqs = guest_net_irqs();
    const char *vmm = op->kind == OP_NET_TX
                          ? "VMM thread copies the frames from the guest's ring to the tap device"
                          : "VMM thread reads the tap device into the guest's ring";

    if (op->kind == OP_NET_TX) {
        guest_net_stack(p, op, 1, out);
        guest_net_driver(p, op, 1, out);
        kick(p, packets / param(p, P_HVM_PACKETS_PER_KICK),
             "VM exit: virtio-mmio queue notify", out);
        demand_add(out, RES_EMULATOR, CAT_DEVICE_EMULATION, op->bytes,
                   param(p, P_FC_NET_CYCLES_PER_BYTE), vmm);
        guest_net_wire(p, op, "frames on the wire", out);
        demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, irqs,
                   "transmit-completion interrupts (irqfd)");
        return;
    }
    guest_net_wire(p, op, "frames on the wire", out);
    demand_add(out, RES_EMULATOR, CAT_DEVICE_EMULATION, op->bytes,
               param(p, P_FC_NET_CYCLES_PER_BYTE), vmm);
    demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, irqs,
               "receive interrupts (irqfd)");
    guest_net_driver(p, op, 1, out);
    guest_net_stack(p, op, 1, out);
}

static void plan_disk(const struct param_set *p, const struct op *op,
                      struct demand_list *out)
{
    double ios = guest_disk_ios(p, op->bytes);

    guest_disk_stack(p, op, 1, out);
    kick(p, ios, "VM exit: virtio-mmio queue notify", out);
    demand_add(out, RES_EMULATOR, CAT_DEVICE_EMULATION, ios,
               param(p, P_FC_BLK_CYCLES_PER_IO),
               "VMM thread parses the request and calls the host");
    demand_add(out, RES_EMULATOR, CAT_DEVICE_EMULATION, op->bytes,
               param(p, P_FC_BLK_CYCLES_PER_BYTE),
               "VMM thread moves the data to or from the backing file");
    guest_disk_device(p, op, 0, out);
    demand_add(out, RES_IRQ, CAT_GUEST_KERNEL, 1, ios,
               "completion interrupt (irqfd)");
}

const struct cost_model_ops fc_virtio_model = {
    .name = "fc-virtio",
    .summary = "Firecracker microVM devices: virtio-mmio net and block served by the microVM's one VMM thread",
    .lesson = "a minimal device model in user space: small and safe, and one thread per microVM caps its I/O",
    .like = &hvm_model,         /* its CPU and interrupts */
    .net = plan_net,
    .storage = plan_disk,
};
