/*
 * hvm_emulated.c - devices emulated in a user-space device model (QEMU)
 * for a hardware-assisted guest: the guest kernel runs natively, and each
 * access to an emulated register is a VM exit handled in user space (Dall
 * et al., ATC 2017, 'I/O User'); interrupts are injected by the
 * hypervisor with an exit to deliver and one to EOI. The devices of Xen
 * HVM guests without PV drivers, and of KVM guests with emulated NICs.
 */
#include "models/cost_model.h"
#include "models/emu_devices.h"
#include "models/hvm.h"

static void plan_net(const struct param_set *p, const struct op *op,
                     struct demand_list *out)
{
    struct emu_cpu c;

    emu_cpu_hardware(&c);
    emu_plan_net(p, &c, op, out);
}

static void plan_disk(const struct param_set *p, const struct op *op,
                      struct demand_list *out)
{
    struct emu_cpu c;

    emu_cpu_hardware(&c);
    emu_plan_disk(p, &c, op, out);
}

const struct cost_model_ops hvm_emulated_model = {
    .name = "hvm-emulated",
    .summary = "emulated devices under VT-x: native guest kernel, every device register access a VM exit to the user-space device model",
    .lesson = "the CPU is near native, but each emulated register access costs a round trip to user space",
    .like = &hvm_model,         /* its CPU */
    .net = plan_net,
    .storage = plan_disk,
    .irq = hvm_irq_injected,
};
