/*
 * emulation.c - full emulation (QEMU TCG style): all guest code, user and
 * kernel, runs translated (user code several times slower, kernel code
 * more), the MMU is virtualized with shadow page tables, and every device
 * is a software model whose registers trap on each access. VMware-style
 * binary translation, which runs user code directly, is bt.c.
 */
#include "models/cost_model.h"
#include "models/emu_devices.h"
#include "models/guest.h"
#include "models/shadow.h"

static void plan_compute(const struct param_set *p, const struct op *op,
                         struct demand_list *out)
{
    shadow_translated_compute(p, op, param(p, P_EMU_USER_SLOWDOWN), out);
}

static void plan_net(const struct param_set *p, const struct op *op,
                     struct demand_list *out)
{
    struct emu_cpu c;

    emu_cpu_translated(p, &c);
    emu_plan_net(p, &c, op, out);
}

static void plan_disk(const struct param_set *p, const struct op *op,
                      struct demand_list *out)
{
    struct emu_cpu c;

    emu_cpu_translated(p, &c);
    emu_plan_disk(p, &c, op, out);
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
    guest_irq_handler(p, op, param(p, P_EMU_KERNEL_SLOWDOWN), out);
}

/* Full emulation as the lesson tells it. */
static const struct lesson_step steps[] = {
    {"intercept",
     LESSON_CAT(CAT_VMEXIT) | LESSON_CAT(CAT_DEVICE_EMULATION) |
         LESSON_CAT(CAT_BACKEND),
     "the emulator takes control: traps on device registers, privileged "
     "instructions and page-table writes, and the device model's work"},
    {"translate", LESSON_CAT(CAT_TRANSLATION),
     "translated code runs slower than native: the translation's overhead"},
    {"execute", LESSON_GUEST, "the guest's own work, as on bare metal"},
    {"return", 0,
     "back into the translated code: part of each trap's round trip, no "
     "figure of its own"},
    {"device", LESSON_DEVICE, "time on the hardware: wire, card, disk"},
};

const struct cost_model_ops emulation_model = {
    .name = "emulation",
    .summary = "full emulation (QEMU TCG style): all guest code translated, shadow page tables, trapping device models",
    .lesson = "every guest instruction is translated and every device register access traps",
    .compute = plan_compute,
    .net = plan_net,
    .storage = plan_disk,
    .irq = plan_irq,
    .steps = steps,
    .nsteps = sizeof(steps) / sizeof(steps[0]),
};
