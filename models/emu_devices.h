/*
 * emu_devices.h - devices emulated in software (an e1000-like NIC, an
 * IDE-like disk, an interrupt controller model), as the guest sees them
 * under two CPU modes: translated (full emulation, binary translation:
 * the guest kernel runs slowed and a register access traps into the
 * monitor) or hardware-assisted (the kernel runs natively and each
 * register access is a VM exit to the user-space device model).
 */
#ifndef VIRTSIM_EMU_DEVICES_H
#define VIRTSIM_EMU_DEVICES_H

#include "models/demand.h"
#include "models/params.h"
#include "base/op.h"

/* How the guest's CPU runs beside the emulated devices. */
struct emu_cpu {
    double kernel_slowdown;     /* >= 1: guest kernel code's slowdown */
    enum param_id trap;         /* cycles of one trapped register access */
    enum category trap_cat;     /* where that trap's cycles are reported */
};

/* The CPU modes of emulation.c/bt.c and of hvm_emulated.c. */
void emu_cpu_translated(const struct param_set *p, struct emu_cpu *c);
void emu_cpu_hardware(struct emu_cpu *c);

void emu_plan_net(const struct param_set *p, const struct emu_cpu *c,
                  const struct op *op, struct demand_list *out);
void emu_plan_disk(const struct param_set *p, const struct emu_cpu *c,
                   const struct op *op, struct demand_list *out);

#endif
