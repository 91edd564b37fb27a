/*
 * bt.c - binary translation with direct execution (VMware's software
 * VMM): guest user code runs directly on the CPU at native speed; only
 * the guest kernel is translated, so that its privileged instructions
 * become callouts into the monitor; the MMU is virtualized with shadow
 * page tables whose guest page-table writes are traced; devices are
 * software models (the emulation model's). Adams & Agesen (ASPLOS 2006)
 * describe the design; its cost shows on kernel-heavy work (forkwait:
 * 36.9 s vs 6.0 s native, calibration.md 1.4) and not on user code.
 */
#include "models/cost_model.h"
#include "models/shadow.h"

static void plan_compute(const struct param_set *p, const struct op *op,
                         struct demand_list *out)
{
    shadow_translated_compute(p, op, 1, out);
}

const struct cost_model_ops bt_model = {
    .name = "bt",
    .summary = "binary translation (VMware style): user code direct, kernel code translated, traced shadow page tables, emulated devices",
    .lesson = "user code runs at native speed; the kernel pays for translation and every page-table change is traced",
    .like = &emulation_model,   /* its devices and interrupts */
    .compute = plan_compute,
};
