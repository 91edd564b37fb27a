/*
 * shadow.c - shadow page tables and the compute path of translating
 * monitors (full emulation and binary translation).
 */
#include "models/shadow.h"

#include "models/guest.h"

void shadow_paging(const struct param_set *p, const struct op *op,
                   double exit_cycles, struct demand_list *out)
{
    if (exit_cycles > 0) {
        demand_add(out, RES_VCPU, CAT_VMEXIT,
                   op->page_faults + op->pt_updates + op->ctx_switches,
                   exit_cycles,
                   "VM exit: guest #PF, page-table write or CR3 load "
                   "(no EPT: the hypervisor keeps the shadow tables)");
    }
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->page_faults,
               param(p, P_EMU_SHADOW_FAULT_CYCLES),
               "hidden fault: the monitor syncs its shadow page table");
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->pt_updates,
               param(p, P_EMU_SHADOW_PT_UPDATE_CYCLES),
               "traced write to a guest page table updates the shadow");
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->ctx_switches,
               param(p, P_EMU_SHADOW_CR3_CYCLES),
               "CR3 load: the monitor switches to the new address space's shadow");
}

void shadow_translated_compute(const struct param_set *p, const struct op *op,
                               double user_slowdown, struct demand_list *out)
{
    guest_compute(p, op, user_slowdown, param(p, P_EMU_KERNEL_SLOWDOWN), out);
    shadow_paging(p, op, 0, out);
    demand_add(out, RES_VCPU, CAT_TRANSLATION, op->privileged + op->ctx_switches,
               param(p, P_EMU_PRIVILEGED_CYCLES),
               "privileged instruction (or CR3 load) emulated by the translator");
}
