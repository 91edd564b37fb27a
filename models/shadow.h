/*
 * shadow.h - shadow page tables, kept by a monitor that hides the real
 * page tables from the guest: every guest page fault may be a hidden
 * fault that syncs the shadow, every write to a guest page table is
 * traced, and every CR3 load switches shadow roots. Under binary
 * translation the monitor sees these in its own code; under VT-x without
 * EPT each is a VM exit first (Linux KVM sets CR3-load, INVLPG and #PF
 * exiting exactly when EPT is off: arch/x86/kvm/vmx/vmx.c,
 * vmx_exec_control).
 */
#ifndef VIRTSIM_SHADOW_H
#define VIRTSIM_SHADOW_H

#include "models/demand.h"
#include "models/params.h"
#include "base/op.h"

/*
 * The shadow-paging work of op's page faults, page-table writes and
 * address-space switches; exit_cycles > 0 adds a VM exit before each.
 */
void shadow_paging(const struct param_set *p, const struct op *op,
                   double exit_cycles, struct demand_list *out);

/*
 * A compute op under a translating monitor: user code at user_slowdown
 * (1: run directly, as VMware's BT does; emu.user_slowdown: full
 * emulation), kernel code translated, shadow paging, and privileged
 * instructions and CR3 loads emulated in the translator's callouts.
 */
void shadow_translated_compute(const struct param_set *p, const struct op *op,
                               double user_slowdown, struct demand_list *out);

#endif
