/*
 * vtx_shadow.c - VT-x/AMD-V without EPT/NPT, as on the first generation
 * of hardware virtualization (2005-2008): guest code runs natively, but
 * the hypervisor keeps shadow page tables, so every guest page fault,
 * page-table write (the guest's tables are write-protected) and CR3 load
 * is a VM exit followed by the shadow-paging handler. Linux KVM turns
 * these exits on exactly when EPT is off (arch/x86/kvm/vmx/vmx.c,
 * vmx_exec_control: CR3_LOAD_EXITING, INVLPG_EXITING; #PF intercepted).
 * Adams & Agesen (ASPLOS 2006) measured this hardware VMM slower than
 * binary translation on kernel-heavy work (forkwait: 106.4 s vs BT 36.9
 * s, calibration.md 1.4). Devices and interrupts are as under hvm.
 */
#include "models/cost_model.h"
#include "models/guest.h"
#include "models/shadow.h"

static void plan_compute(const struct param_set *p, const struct op *op,
                         struct demand_list *out)
{
    guest_compute(p, op, 1, 1, out);
    shadow_paging(p, op, param(p, P_HVM_VMEXIT_CYCLES), out);
    demand_add(out, RES_VCPU, CAT_VMEXIT, op->privileged,
               param(p, P_HVM_KERNEL_EXIT_CYCLES),
               "VM exit: privileged instruction (cpuid, wrmsr) trapped to the hypervisor");
}

const struct cost_model_ops vtx_shadow_model = {
    .name = "vtx-shadow",
    .summary = "VT-x without EPT: native guest code, shadow page tables kept by the hypervisor, exits on faults, page-table writes and CR3 loads",
    .lesson = "hardware traps privileged instructions, but without nested paging every address-space change is a VM exit",
    .like = &hvm_model,         /* its devices and interrupts */
    .compute = plan_compute,
};
